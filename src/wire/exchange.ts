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

/** The answer's JSON as far as it is read; property access is safe on any JSON value but null. */
type Answer = { key?: unknown; user_id?: unknown; error?: { message?: unknown } } | null | undefined;

/** `message` plus what to do: Retry when the same code and verifier may still work, else Start again (a 405 is the build's fault). */
function fail(reason: FailureReason, message: string, retryable = false, status?: number, detail?: string): ExchangeResult {
  message += retryable ? ' Retry reuses the code.' : reason === 'method-not-allowed' ? '' : ' Start again for a new code.';
  return { ok: false, failure: { reason, retryable, message, status, detail } };
}

/** OpenRouter's `{"error":{"code","message"}}` message, redacted; undefined for anything else. */
export function errorMessageOf(body: unknown, secrets: readonly string[]): string | undefined {
  const message = (body as Answer)?.error?.message;
  return typeof message === 'string' ? redact(message, secrets) || undefined : undefined;
}

/**
 * Maps an answer from POST /api/v1/auth/keys to a key or to a failure the person can act on.
 * `secrets` (the code and the verifier) never appear in any returned text.
 */
export function interpretExchange(status: number, bodyText: string, retryAfter: string | null, secrets: readonly string[]): ExchangeResult {
  let body: Answer;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON: judged by the status alone.
  }
  const detail = errorMessageOf(body, secrets);
  const said = (pattern: RegExp) => pattern.test(detail ?? '');
  const f = (reason: FailureReason, message: string, retryable?: boolean) => fail(reason, message, retryable, status, detail);

  if (status >= 200 && status < 300) {
    const { key, user_id: userId } = body ?? {};
    if (typeof key !== 'string' || !key.trim()) return f('malformed', 'OpenRouter answered without a key.', true);
    const minted: ExchangeResult = { ok: true, key, userId: typeof userId === 'string' ? userId : null };
    if (!/^sk-or-v1-[a-f\d]{64}$/.test(key)) minted.warning = 'Unusual key format; it may still work.';
    return minted;
  }
  return status === 400
    ? said(/code_challenge_method/i)
      ? f('method-mismatch', 'The challenge method does not match the sign-in’s.')
      : f('bad-request', 'OpenRouter called the request invalid.')
    : status === 403
      ? said(/expired/i)
        ? f('code-expired', 'The code expired: codes last 10 minutes.')
        : f('invalid-code', 'The code is used or from another sign-in.')
      : status === 405
        ? f('method-not-allowed', 'The exchange needs POST over HTTPS: check Keymint’s OpenRouter URL.')
        : status === 429
          ? f('rate-limited', `OpenRouter is rate-limiting: wait ${/^\s*\d{1,5}\s*$/.test(retryAfter ?? '') ? +retryAfter! + ' s' : 'a moment'}.`, true)
          : status === 408 || status >= 500
            ? f('server-error', `OpenRouter failed (HTTP ${status}).`, true)
            : f('rejected', `OpenRouter refused the exchange (HTTP ${status}).`);
}

export function networkFailure(kind: 'network' | 'timeout'): ExchangeResult {
  return fail(kind, kind === 'timeout' ? 'OpenRouter did not answer in time.' : 'OpenRouter is unreachable (offline or blocked).', true);
}
