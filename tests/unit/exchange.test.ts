import { afterEach, describe, expect, it, vi } from 'vitest';
import { exchangeBody, interpretExchange, type ExchangeResult } from '../../src/wire/exchange';
import { createExchanger } from '../../src/flow/exchange';
import { hangingFetch } from './hanging-fetch';

const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const CODE = 'auth_code_abc123def456';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRETS = [CODE, VERIFIER];
const err = (code: number, message: string) => JSON.stringify({ error: { code, message } });
const failureOf = (result: ExchangeResult) => {
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
};

describe('interpretExchange', () => {
  it('returns the key and user id from a 200', () => {
    expect(interpretExchange(200, JSON.stringify({ key: KEY, user_id: 'user_1' }), null, SECRETS)).toEqual({ ok: true, key: KEY, userId: 'user_1' });
    expect(interpretExchange(200, JSON.stringify({ key: KEY, user_id: null }), null, SECRETS)).toEqual({ ok: true, key: KEY, userId: null });
  });

  it('accepts a key of an unusual shape with a warning only', () => {
    const result = interpretExchange(200, JSON.stringify({ key: 'sk-or-v2-short' }), null, SECRETS);
    expect(result).toMatchObject({ ok: true, key: 'sk-or-v2-short', warning: expect.stringContaining('Unusual') });
  });

  it.each([['not json'], ['<html>ok</html>'], ['null'], ['[]'], ['{}'], ['{"key":""}'], ['{"key":"  "}'], ['{"key":42}'], ['{"data":{"key":"x"}}']])(
    'treats the 200 body %j as malformed and retryable',
    (body) => {
      expect(failureOf(interpretExchange(200, body, null, SECRETS))).toMatchObject({ reason: 'malformed', retryable: true });
    },
  );

  it.each([
    [400, err(400, 'Invalid code_challenge_method'), 'method-mismatch', false],
    [400, err(400, 'Invalid request parameters'), 'bad-request', false],
    [403, err(403, 'Invalid code or code_verifier'), 'invalid-code', false],
    [403, err(403, 'Authorization code expired'), 'code-expired', false],
    [403, 'Forbidden', 'invalid-code', false],
    [405, 'Method Not Allowed', 'method-not-allowed', false],
    [401, err(401, 'Missing Authentication header'), 'rejected', false],
    [404, '', 'rejected', false],
    [408, '', 'server-error', true],
    [429, err(429, 'Rate limit exceeded'), 'rate-limited', true],
    [500, err(500, 'Internal Server Error'), 'server-error', true],
    [502, '<html>Bad gateway</html>', 'server-error', true],
    [503, '', 'server-error', true],
  ])('maps HTTP %i %j to %s (retryable: %s)', (status, body, reason, retryable) => {
    const failure = failureOf(interpretExchange(status, body, null, SECRETS));
    expect(failure).toMatchObject({ reason, retryable, status });
    expect(failure.message.length).toBeGreaterThan(20);
    expect(failure.message).toMatch(retryable ? /Retry/ : /Start again|POST over HTTPS/);
  });

  it("quotes OpenRouter's own message and the Retry-After wait", () => {
    const failure = failureOf(interpretExchange(429, err(429, 'Slow down'), '30', SECRETS));
    expect(failure.detail).toBe('Slow down');
    expect(failure.message).toContain('wait 30 s');
    expect(failureOf(interpretExchange(429, '', 'Wed, 21 Oct 2015 07:28:00 GMT', SECRETS)).message).toContain('a moment');
  });

  it('never lets a key, the code or the verifier into any text it returns', () => {
    const hostile = [
      err(400, `bad key ${KEY} for ${CODE} with ${VERIFIER}`),
      err(403, `Invalid code ${CODE}`),
      err(500, `${KEY}`),
      JSON.stringify({ error: { message: `sk-or-v1-${'f'.repeat(64)}` } }),
    ];
    for (const [i, body] of hostile.entries()) {
      const failure = failureOf(interpretExchange([400, 403, 500, 502][i]!, body, null, SECRETS));
      const text = JSON.stringify(failure);
      for (const secret of [KEY, CODE, VERIFIER, 'f'.repeat(64)]) expect(text).not.toContain(secret);
    }
  });
});

describe('createExchanger', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const request = { code: CODE, codeVerifier: VERIFIER, codeChallengeMethod: 'S256' as const };

  it('POSTs only the JSON body, with no credentials, referrer, cache or Authorization', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ key: KEY, user_id: 'u' }), { status: 200 }));
    const result = await createExchanger({ origin: 'https://openrouter.ai', fetch })(request);
    expect(result).toEqual({ ok: true, key: KEY, userId: 'u' });
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
    expect(init.body).toBe(exchangeBody(request));
  });

  it('reports a network error as retryable', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(failureOf(await createExchanger({ origin: 'https://openrouter.ai', fetch })(request))).toMatchObject({ reason: 'network', retryable: true });
  });

  it('aborts after the timeout and reports it as retryable', async () => {
    vi.useFakeTimers();
    const { fetch, aborted } = hangingFetch();
    const pending = createExchanger({ origin: 'https://openrouter.ai', fetch, timeoutMs: 5000 })(request);
    await vi.advanceTimersByTimeAsync(4999);
    expect(aborted()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(failureOf(await pending)).toMatchObject({ reason: 'timeout', retryable: true, message: expect.stringContaining('in time') });
  });
});
