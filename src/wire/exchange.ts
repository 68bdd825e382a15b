// POST /api/v1/auth/keys: the request, and what each answer means.
import type { CodeChallengeMethod } from './fields';
import { interpretAnswer, type ApiAnswer, type CommonReason, type Failed, type StatusMeanings } from './answer';

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

/** Why an exchange failed. */
export type ExchangeReason =
  | CommonReason
  /** 400 naming code_challenge_method: the method sent is not the sign-in's. */
  | 'method-mismatch'
  /** Any other 400. */
  | 'invalid-request'
  /** 403 saying so: codes last 10 minutes. */
  | 'code-expired'
  /** Any other 403: the code is used, or another sign-in's (its verifier does not match). */
  | 'code-invalid'
  /** 405: the request did not arrive as a POST over HTTPS, so the OpenRouter URL is wrong. */
  | 'wrong-method-or-scheme';

const MEANINGS: StatusMeanings<ExchangeReason> = {
  400: (said) => (/code_challenge_method/i.test(said) ? 'method-mismatch' : 'invalid-request'),
  403: (said) => (/expired/i.test(said) ? 'code-expired' : 'code-invalid'),
  405: 'wrong-method-or-scheme',
};

/** `unusualFormat`: the key is not `sk-or-v1-` and 64 hex digits; it may still work. */
export type ExchangeResult = { ok: true; key: string; unusualFormat?: true } | Failed<ExchangeReason>;

/**
 * Maps an answer from POST /api/v1/auth/keys to a key or to a failure the person can act on.
 * `secrets` (the code and the verifier) never appear in any returned text.
 */
export function interpretExchange(answer: ApiAnswer, secrets: readonly string[]): ExchangeResult {
  return interpretAnswer<{ key?: unknown }, ExchangeResult, ExchangeReason>(
    answer,
    secrets,
    (body) => {
      const key = body?.key;
      if (typeof key !== 'string' || !key.trim()) return;
      return /^sk-or-v1-[a-f\d]{64}$/.test(key) ? { ok: true, key } : { ok: true, key, unusualFormat: true };
    },
    MEANINGS,
  );
}
