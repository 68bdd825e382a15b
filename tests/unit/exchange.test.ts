import { afterEach, describe, expect, it, vi } from 'vitest';
import { interpretExchange, type ExchangeResult } from '../../src/wire/exchange';
import { exchangeCode } from '../../src/flow/exchange';
import { hangingFetch } from './hanging-fetch';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const CODE = 'auth_code_abc123def456';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRETS = [CODE, VERIFIER];
const err = (code: number, message: string) => JSON.stringify({ error: { code, message } });
const exchange = (status: number, text: string, retryAfter: string | null = null) => interpretExchange({ status, text, retryAfter }, SECRETS);
const failureOf = (result: ExchangeResult) => {
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
};

describe('interpretExchange', () => {
  it('returns the key from a 200', () => {
    expect(exchange(200, JSON.stringify({ key: KEY, user_id: 'user_1' }))).toEqual({ ok: true, key: KEY });
    expect(exchange(200, JSON.stringify({ key: KEY, user_id: null }))).toEqual({ ok: true, key: KEY });
  });

  it('accepts a key of an unusual shape with a warning only', () => {
    const result = exchange(200, JSON.stringify({ key: 'sk-or-v2-short' }));
    expect(result).toEqual({ ok: true, key: 'sk-or-v2-short', unusualFormat: true });
  });

  it.each([['not json'], ['<html>ok</html>'], ['null'], ['[]'], ['{}'], ['{"key":""}'], ['{"key":"  "}'], ['{"key":42}'], ['{"data":{"key":"x"}}']])(
    'treats the 200 body %j as no result, retryable',
    (body) => {
      expect(failureOf(exchange(200, body))).toEqual({ retryable: true, status: 200, reason: 'no-result' });
    },
  );

  it.each([
    [400, err(400, 'Invalid code_challenge_method'), false, 'method-mismatch'],
    [400, err(400, 'Invalid request parameters'), false, 'invalid-request'],
    [400, '', false, 'invalid-request'],
    [403, err(403, 'Invalid code or code_verifier'), false, 'code-invalid'],
    [403, err(403, 'Authorization code expired'), false, 'code-expired'],
    [403, 'Forbidden', false, 'code-invalid'],
    [405, 'Method Not Allowed', false, 'wrong-method-or-scheme'],
    [401, err(401, 'Missing Authentication header'), false, 'refused'],
    [404, '', false, 'refused'],
    [409, '', false, 'refused'],
    [408, '', true, 'server'],
    [429, err(429, 'Rate limit exceeded'), true, 'rate-limited'],
    [500, err(500, 'Internal Server Error'), true, 'server'],
    [502, '<html>Bad gateway</html>', true, 'server'],
    [503, '', true, 'server'],
  ])('maps HTTP %i %j to retryable: %s, reason %s', (status, body, retryable, reason) => {
    expect(failureOf(exchange(status, body))).toMatchObject({ retryable, status, reason });
  });

  it("keeps OpenRouter's own message as the detail, and Retry-After in whole seconds only", () => {
    expect(failureOf(exchange(429, err(429, 'Slow down'), '30'))).toEqual({
      retryable: true,
      status: 429,
      reason: 'rate-limited',
      retryAfterSeconds: 30,
      detail: 'Slow down',
    });
    expect(failureOf(exchange(429, '', ' 0 '))).toMatchObject({ retryAfterSeconds: 0 });
    expect(failureOf(exchange(429, '', 'Wed, 21 Oct 2015 07:28:00 GMT'))).not.toHaveProperty('retryAfterSeconds');
    expect(failureOf(exchange(429, '', '123456'))).not.toHaveProperty('retryAfterSeconds');
    expect(failureOf(exchange(500, 'oops')).detail).toBeUndefined();
  });

  it('never lets a key, the code or the verifier into any text it returns', () => {
    const hostile = [
      err(400, `bad key ${KEY} for ${CODE} with ${VERIFIER}`),
      err(403, `Invalid code ${CODE}`),
      err(500, `${KEY}`),
      JSON.stringify({ error: { message: `sk-or-v1-${'f'.repeat(64)}` } }),
    ];
    for (const [i, body] of hostile.entries()) {
      const failure = failureOf(exchange([400, 403, 500, 502][i]!, body));
      const text = JSON.stringify(failure);
      for (const secret of [KEY, CODE, VERIFIER, 'f'.repeat(64)]) expect(text).not.toContain(secret);
    }
  });
});

describe('exchangeCode', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const request = { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: 'S256' as const };

  it('POSTs only the JSON body, with no credentials, referrer, cache or Authorization', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ key: KEY, user_id: 'u' }), { status: 200 }));
    const result = await exchangeCode({ origin: 'https://openrouter.ai', fetch }, request);
    expect(result).toEqual({ ok: true, key: KEY });
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://openrouter.ai/api/v1/auth/keys');
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
    });
    expect(Object.keys(init.headers as object)).toEqual(['Content-Type']);
    expect(JSON.parse(init.body as string)).toEqual({ code: CODE, code_verifier: VERIFIER, code_challenge_method: 'S256' });
    expect(init.body).toBe(`{"code":"${CODE}","code_verifier":"${VERIFIER}","code_challenge_method":"S256"}`);
  });

  it('reports a network error as retryable', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(failureOf(await exchangeCode({ origin: 'https://openrouter.ai', fetch }, request))).toEqual({ retryable: true, reason: 'unreachable' });
  });

  it('aborts after the timeout and reports it as retryable', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { fetch, aborted } = hangingFetch();
    const pending = exchangeCode({ origin: 'https://openrouter.ai', fetch, timeoutMs: 20 }, request);
    expect(timeout).toHaveBeenCalledWith(20);
    expect(aborted()).toBe(false);
    expect(failureOf(await pending)).toEqual({ retryable: true, reason: 'timeout' });
    expect(aborted()).toBe(true);
  });
});
