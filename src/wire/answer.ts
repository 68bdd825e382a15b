// What an answer from OpenRouter's API means wherever it comes from: the body read as JSON when it
// is JSON, OpenRouter's own `{"error":{"message"}}` (redacted), the statuses worth a retry, and no
// answer at all. Each endpoint names its own reasons on top. Only names here: the words the person
// reads are src/ui/answers.ts's.
import { redact } from './redact';

export interface HttpAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
}

/** An answer as it came, or why none came. */
export type ApiAnswer = HttpAnswer | { failed: 'unreachable' | 'timeout' };

/** What went wrong, whatever the endpoint; an endpoint's own reasons take their statuses over. */
export type CommonReason =
  /** No answer before the timeout. */
  | 'timeout'
  /** No answer: offline, or the browser blocked the request (CORS). */
  | 'unreachable'
  /** A 2xx without the result in it. */
  | 'no-result'
  /** 429. */
  | 'rate-limited'
  /** 408 or 5xx: OpenRouter did not finish it. */
  | 'server'
  /** Any other status: OpenRouter would not do it. */
  | 'refused';

export interface ApiFailure<Reason extends string = string> {
  /** True when sending the same request again may work: the person is offered Retry. */
  retryable: boolean;
  /** None when no answer came. */
  status?: number;
  reason: Reason;
  /** Retry-After, when OpenRouter sent it in whole seconds. */
  retryAfterSeconds?: number;
  /** OpenRouter's own error message, redacted: its words, not Keymint's. */
  detail?: string;
}

export type Failed<Reason extends string = string> = { ok: false; failure: ApiFailure<Reason> };

/**
 * An endpoint's reasons by error status: a reason, or one picked by what OpenRouter said (its own
 * message, redacted, or empty). Other statuses get a CommonReason.
 */
export type StatusMeanings<Reason extends string> = Partial<Record<number, Reason | ((said: string) => Reason)>>;

function commonReason(status: number, success: boolean): CommonReason {
  if (success) return 'no-result';
  if (status === 429) return 'rate-limited';
  if (status === 408 || status >= 500) return 'server';
  return 'refused';
}

/**
 * Maps an answer to the endpoint's result or to a failure the person can act on; `secrets` never
 * appear in any returned text.
 * - `read` takes the JSON of a 2xx answer (undefined when it is not JSON; property access is safe
 *   on any JSON value but null) to the result, or to nothing when the result is not in it.
 * - `meanings` gives the endpoint's reason for a status.
 * - `retry`: statuses worth a retry besides 408, 429, 5xx and a 2xx without the result.
 */
export function interpretAnswer<Body, Result, Reason extends string>(
  answer: ApiAnswer,
  secrets: readonly string[],
  read: (body: Body | null | undefined) => Result | undefined,
  meanings: StatusMeanings<Reason>,
  retry: readonly number[] = [],
): Result | Failed<Reason | CommonReason> {
  if ('failed' in answer) return { ok: false, failure: { retryable: true, reason: answer.failed } };
  const { status, retryAfter } = answer;
  let body: (Body & { error?: { message?: unknown } }) | null | undefined;
  try {
    body = JSON.parse(answer.text);
  } catch {
    // Not JSON: judged by the status alone.
  }
  const success = status >= 200 && status < 300;
  const result = success && read(body);
  if (result) return result;
  const said = body?.error?.message;
  const detail = typeof said === 'string' ? redact(said, secrets) || undefined : undefined;
  const common = commonReason(status, success);
  const meaning = meanings[status] ?? common;
  const failure: ApiFailure<Reason | CommonReason> = {
    // Whatever the endpoint makes of it, only a refusal is final.
    retryable: common !== 'refused' || retry.includes(status),
    status,
    reason: typeof meaning === 'function' ? meaning(detail ?? '') : meaning,
    detail,
  };
  if (/^\s*\d{1,5}\s*$/.test(retryAfter ?? '')) failure.retryAfterSeconds = +retryAfter!;
  return { ok: false, failure };
}

/**
 * Whether OpenRouter may have carried the request out though its result never arrived: no answer
 * (offline, timeout), a 2xx without the result, or a 408 or 5xx.
 */
export const mayHaveActed = ({ status, reason }: ApiFailure): boolean => status === undefined || reason === 'server' || reason === 'no-result';
