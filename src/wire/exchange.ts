// POST /api/v1/auth/keys: the request, and what each answer means for the person.
import type { CodeChallengeMethod } from './fields';
import { interpretAnswer, type ApiAnswer, type Failed } from './answer';

export interface ExchangeRequest {
  code: string;
  codeVerifier: string;
  codeChallengeMethod: CodeChallengeMethod;
}

/** The exact request to send. Only Content-Type: any other header would need OpenRouter's CORS allow-list. */
export function buildExchangeRequest(origin: string, request: ExchangeRequest) {
  return {
    method: 'POST',
    url: new URL('/api/v1/auth/keys', origin).href,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      code: request.code,
      code_verifier: request.codeVerifier,
      code_challenge_method: request.codeChallengeMethod,
    }),
  };
}

export type ExchangeResult = { ok: true; key: string; warning?: string } | Failed;

/**
 * Maps an answer from POST /api/v1/auth/keys to a key or to a failure the person can act on.
 * `secrets` (the code and the verifier) never appear in any returned text.
 */
export function interpretExchange(answer: ApiAnswer, secrets: readonly string[]): ExchangeResult {
  return interpretAnswer<{ key?: unknown }, ExchangeResult>(
    answer,
    secrets,
    (body) => {
      const key = body?.key;
      if (typeof key !== 'string' || !key.trim()) return;
      return /^sk-or-v1-[a-f\d]{64}$/.test(key) ? { ok: true, key } : { ok: true, key, warning: 'Unusual key format; it may still work.' };
    },
    ({ status, retryAfter }, said) =>
      status < 300
        ? 'OpenRouter answered without a key.'
        : status === 400
          ? (said(/code_challenge_method/i) ? 'The challenge method does not match the sign-in’s.' : 'OpenRouter called the request invalid.')
          : status === 403
            ? (said(/expired/i) ? 'The code expired: codes last 10 minutes.' : 'The code is used or from another sign-in.')
            : status === 405
              ? 'The exchange needs POST over HTTPS: check Keymint’s OpenRouter URL.'
              : status === 429
                ? `OpenRouter is rate-limiting: wait ${/^\s*\d{1,5}\s*$/.test(retryAfter ?? '') ? +retryAfter! + ' s' : 'a moment'}.`
                : undefined,
    // Retry when the same code and verifier may still work, else Start again (a 405 is the build's fault).
    ({ retryable, status }) => (retryable ? ' Retry reuses the code.' : status === 405 ? '' : ' Start again for a new code.'),
  );
}
