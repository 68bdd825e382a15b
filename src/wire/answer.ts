// What an answer from OpenRouter's API means wherever it comes from: the body read as JSON when it
// is JSON, OpenRouter's own `{"error":{"message"}}` (redacted), the statuses worth a retry, and no
// answer at all. Each endpoint adds its own meanings on top.
import { redact } from './redact';

export interface HttpAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
}

/** An answer as it came, or why none came. */
export type ApiAnswer = HttpAnswer | { failed: 'network' | 'timeout' };

export interface ApiFailure {
  /** True when sending the same request again may work: the person is offered Retry. */
  retryable: boolean;
  /** None when no answer came. */
  status?: number;
  /** What happened and what to do, in plain words. */
  message: string;
  /** OpenRouter's own error message, redacted. */
  detail?: string;
}

export type Failed = { ok: false; failure: ApiFailure };

/**
 * Maps an answer to the endpoint's result or to a failure the person can act on; `secrets` never
 * appear in any returned text.
 * - `read` takes the JSON of a 2xx answer (undefined when it is not JSON; property access is safe
 *   on any JSON value but null) to the result, or to nothing when the result is not in it.
 * - `meaning` gives what the endpoint knows better than the shared wording for a status (a 2xx
 *   without the result included): a message, or more; `said` tests OpenRouter's own message.
 * - `advice` is what to do, appended to every message.
 */
export function interpretAnswer<Body, Result>(
  answer: ApiAnswer,
  secrets: readonly string[],
  read: (body: Body | null | undefined) => Result | undefined,
  meaning: (answer: HttpAnswer, said: (pattern: RegExp) => boolean) => string | Partial<ApiFailure> | undefined,
  advice: (failure: ApiFailure) => string = () => '',
): Result | Failed {
  let failure: ApiFailure;
  if ('failed' in answer) {
    failure = {
      retryable: true,
      message: answer.failed === 'timeout' ? 'OpenRouter did not answer in time.' : 'OpenRouter is unreachable: offline, or blocked by the browser (CORS).',
    };
  } else {
    const { status } = answer;
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
    const meant = meaning(answer, (pattern) => pattern.test(detail ?? ''));
    const retryable = success || status === 408 || status === 429 || status >= 500;
    failure = {
      retryable,
      status,
      message: `OpenRouter ${success ? 'sent an unexpected answer' : status === 429 ? 'is rate-limiting' : retryable ? 'failed' : 'refused the request'} (HTTP ${status}).`,
      detail,
      ...(typeof meant === 'string' ? { message: meant } : meant),
    };
  }
  failure.message += advice(failure);
  return { ok: false, failure };
}
