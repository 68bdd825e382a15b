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
    expect(result).toMatchObject({ ok: true, key: 'sk-or-v2-short', warning: expect.stringContaining('Unusual') });
  });

  it.each([['not json'], ['<html>ok</html>'], ['null'], ['[]'], ['{}'], ['{"key":""}'], ['{"key":"  "}'], ['{"key":42}'], ['{"data":{"key":"x"}}']])(
    'treats the 200 body %j as malformed and retryable',
    (body) => {
      expect(failureOf(exchange(200, body))).toEqual({ retryable: true, status: 200, message: 'OpenRouter answered without a key. Retry reuses the code.' });
    },
  );

  it.each([
    [400, err(400, 'Invalid code_challenge_method'), false, /challenge method does not match.*Start again/],
    [400, err(400, 'Invalid request parameters'), false, /called the request invalid.*Start again/],
    [403, err(403, 'Invalid code or code_verifier'), false, /used or from another sign-in.*Start again/],
    [403, err(403, 'Authorization code expired'), false, /expired.*10 minutes.*Start again/],
    [403, 'Forbidden', false, /used or from another sign-in/],
    [405, 'Method Not Allowed', false, /^The exchange needs POST over HTTPS: check Keymint’s OpenRouter URL\.$/],
    [401, err(401, 'Missing Authentication header'), false, /^OpenRouter refused the request \(HTTP 401\)\. Start again/],
    [404, '', false, /refused the request \(HTTP 404\)/],
    [408, '', true, /^OpenRouter failed \(HTTP 408\)\. Retry/],
    [429, err(429, 'Rate limit exceeded'), true, /rate-limiting: wait a moment\. Retry/],
    [500, err(500, 'Internal Server Error'), true, /failed \(HTTP 500\)/],
    [502, '<html>Bad gateway</html>', true, /failed \(HTTP 502\)/],
    [503, '', true, /failed \(HTTP 503\)/],
  ])('maps HTTP %i %j (retryable: %s) to %s', (status, body, retryable, message) => {
    const failure = failureOf(exchange(status, body));
    expect(failure).toMatchObject({ retryable, status });
    expect(failure.message).toMatch(message);
    expect(failure.message).toMatch(retryable ? /Retry reuses the code\.$/ : /Start again for a new code\.$|POST over HTTPS/);
  });

  it("quotes OpenRouter's own message and the Retry-After wait", () => {
    const failure = failureOf(exchange(429, err(429, 'Slow down'), '30'));
    expect(failure.detail).toBe('Slow down');
    expect(failure.message).toContain('wait 30 s');
    expect(failureOf(exchange(429, '', 'Wed, 21 Oct 2015 07:28:00 GMT')).message).toContain('a moment');
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
    expect(failureOf(await exchangeCode({ origin: 'https://openrouter.ai', fetch }, request))).toEqual({
      retryable: true,
      message: 'OpenRouter is unreachable: offline, or blocked by the browser (CORS). Retry reuses the code.',
    });
  });

  it('aborts after the timeout and reports it as retryable', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { fetch, aborted } = hangingFetch();
    const pending = exchangeCode({ origin: 'https://openrouter.ai', fetch, timeoutMs: 20 }, request);
    expect(timeout).toHaveBeenCalledWith(20);
    expect(aborted()).toBe(false);
    expect(failureOf(await pending)).toEqual({ retryable: true, message: 'OpenRouter did not answer in time. Retry reuses the code.' });
    expect(aborted()).toBe(true);
  });
});
