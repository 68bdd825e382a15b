// POST /api/v1/auth/keys: the request body, and what each answer means for the person.
import type { CodeChallengeMethod } from './fields';
import { redact } from './redact';

export interface ExchangeRequest {
  code: string;
  codeVerifier: string;
  codeChallengeMethod: CodeChallengeMethod;
}

export function exchangeUrl(origin: string): string {
  return new URL('/api/v1/auth/keys', origin).href;
}

export function exchangeBody(request: ExchangeRequest): string {
  return JSON.stringify({
    code: request.code,
    code_verifier: request.codeVerifier,
    code_challenge_method: request.codeChallengeMethod,
  });
}

export type FailureReason =
  | 'method-mismatch'
  | 'bad-request'
  | 'invalid-code'
  | 'code-expired'
  | 'method-not-allowed'
  | 'rejected'
  | 'rate-limited'
  | 'server-error'
  | 'malformed'
  | 'network'
  | 'timeout';

export interface ExchangeFailure {
  reason: FailureReason;
  /** True when the same code and verifier may still work: keep them and offer Retry. */
  retryable: boolean;
  status?: number;
  /** What happened and what to do, in plain words. */
  message: string;
  /** OpenRouter's own error message, redacted. */
  detail?: string;
}

export type ExchangeResult =
  | { ok: true; key: string; userId: string | null; warning?: string }
  | { ok: false; failure: ExchangeFailure };

const KEY_SHAPE = /^sk-or-v1-[a-f0-9]{64}$/;
const AGAIN = ' Start again for a new code.';
const KEPT = ' Retry sends the same code and verifier.';
const RETRYABLE: ReadonlySet<FailureReason> = new Set(['rate-limited', 'server-error', 'malformed', 'network', 'timeout']);

function fail(reason: FailureReason, message: string, status?: number, detail?: string): ExchangeResult {
  const f: ExchangeFailure = { reason, retryable: RETRYABLE.has(reason), message };
  if (status) f.status = status;
  if (detail) f.detail = detail;
  return { ok: false, failure: f };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** OpenRouter's `{"error":{"code","message"}}` message, redacted; undefined for anything else. */
export function errorMessageOf(body: unknown, secrets: readonly string[]): string | undefined {
  const message = isRecord(body) && isRecord(body.error) ? body.error.message : undefined;
  return typeof message === 'string' ? redact(message, secrets) || undefined : undefined;
}

/**
 * Maps an answer from POST /api/v1/auth/keys to a key or to a failure the person can act on.
 * `secrets` (the code and the verifier) never appear in any returned text.
 */
export function interpretExchange(
  status: number,
  bodyText: string,
  retryAfter: string | null,
  secrets: readonly string[],
): ExchangeResult {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON: judged by the status alone.
  }
  const detail = errorMessageOf(body, secrets);
  const said = (pattern: RegExp) => pattern.test(detail ?? '');
  const f = (reason: FailureReason, message: string) => fail(reason, message, status, detail);

  if (status >= 200 && status < 300) {
    if (!isRecord(body) || typeof body.key !== 'string' || !body.key.trim()) {
      return f('malformed', 'OpenRouter answered without a key.' + KEPT);
    }
    const minted: Extract<ExchangeResult, { ok: true }> = { ok: true, key: body.key, userId: typeof body.user_id === 'string' ? body.user_id : null };
    if (!KEY_SHAPE.test(body.key)) minted.warning = 'This key has an unusual format; it may still work.';
    return minted;
  }
  if (status === 400) {
    return said(/code_challenge_method/i)
      ? f('method-mismatch', 'The challenge method does not match the sign-in’s.' + AGAIN)
      : f('bad-request', 'OpenRouter called the request invalid.' + AGAIN);
  }
  if (status === 403) {
    return said(/expired/i)
      ? f('code-expired', 'The code expired: codes last 10 minutes.' + AGAIN)
      : f('invalid-code', 'This code and verifier do not match: the code is used or from another sign-in.' + AGAIN);
  }
  if (status === 405) return f('method-not-allowed', 'The exchange must be a POST over HTTPS: check the OpenRouter URL Keymint was built with.');
  if (status === 429) {
    const wait = /^\d{1,5}$/.test(retryAfter?.trim() ?? '') ? `${Number(retryAfter)} s` : 'a moment';
    return f('rate-limited', `OpenRouter is rate-limiting: wait ${wait}.` + KEPT);
  }
  if (status === 408 || status >= 500) return f('server-error', `OpenRouter failed (HTTP ${status}).` + KEPT);
  return f('rejected', `OpenRouter refused the exchange (HTTP ${status}).` + AGAIN);
}

export function networkFailure(kind: 'network' | 'timeout'): ExchangeResult {
  return kind === 'timeout'
    ? fail('timeout', 'OpenRouter did not answer in time.' + KEPT)
    : fail('network', 'OpenRouter is unreachable: offline, or blocked by the browser.' + KEPT);
}
