import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ATTRIBUTION_HEADERS,
  attributionHeaders,
  buildCreateCodeRequest,
  checkApiKey,
  checkAppCategories,
  checkAppTitle,
  checkHttpReferer,
  checkKeyFields,
  describeCreateCodeRequest,
  interpretCreateCode,
  type CreateCodeResult,
} from '../../src/wire/create-code';
import { createAuthCode } from '../../src/flow/create-code';
import type { Checked } from '../../src/wire/validate';
import { hintText, problemText } from '../../src/ui/problems';
import { hangingFetch } from './hanging-fetch';

const ORIGIN = 'https://openrouter.ai';
const KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const SECRETS = [KEY, VERIFIER];
const BODY = {
  callbackUrl: 'https://myapp.com/auth/callback',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  codeChallengeMethod: 'S256' as const,
  limit: 5,
};
const err = (code: number, message: string) => JSON.stringify({ error: { code, message } });
const createCode = (status: number, text: string) => interpretCreateCode({ status, text, retryAfter: null }, SECRETS);
/** The value, or the problem in words. */
const value = <T>(result: Checked<T>) => (result.ok ? result.value : `error: ${problemText(result.problem)}`);
const problem = <T>(result: Checked<T>) => (result.ok ? undefined : result.problem);
const failureOf = (result: CreateCodeResult) => {
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
};

describe('attribution validators', () => {
  it.each([
    ['', undefined],
    ['  https://myapp.com  ', 'https://myapp.com'],
    ['http://localhost:3000/app', 'http://localhost:3000/app'],
    ['https://myapp.com/path?q=1', 'https://myapp.com/path?q=1'],
  ])('httpReferer accepts %j as %j', (raw, expected) => {
    expect(value(checkHttpReferer(raw))).toBe(expected);
  });

  it.each([
    ['myapp.com', { problem: 'not-url' }],
    ['ftp://myapp.com/', { problem: 'not-http', scheme: 'ftp:' }],
    ['javascript:alert(1)', { problem: 'not-http', scheme: 'javascript:' }],
    ['https://user:pw@myapp.com/', { problem: 'has-credentials' }],
    [`https://myapp.com/${'a'.repeat(2000)}`, { problem: 'too-long', max: 2000, length: 2018 }],
  ])('httpReferer rejects %j', (raw, expected) => {
    expect(problem(checkHttpReferer(raw))).toEqual(expected);
  });

  it('sends a non-ASCII referer in its ASCII form and says so', () => {
    expect(checkHttpReferer('https://café.example/ä')).toEqual({
      ok: true,
      value: 'https://xn--caf-dma.example/%C3%A4',
      hint: { hint: 'sent-as-ascii', href: 'https://xn--caf-dma.example/%C3%A4' },
    });
  });

  it('appTitle trims, allows ASCII punctuation, and bounds the length', () => {
    expect(value(checkAppTitle('  Keymint: "mint" & go!  '))).toBe('Keymint: "mint" & go!');
    expect(value(checkAppTitle(''))).toBeUndefined();
    expect(value(checkAppTitle('a'.repeat(100)))).toBe('a'.repeat(100));
    expect(problem(checkAppTitle('a'.repeat(101)))).toEqual({ problem: 'too-long', max: 100, length: 101 });
  });

  it.each([
    ['line\nbreak', '\n'],
    ['tab\there', '\t'],
    ['Café', 'é'],
    ['Key 🔑', '🔑'],
  ])('appTitle rejects %j, naming the first character a header cannot carry', (raw, char) => {
    expect(problem(checkAppTitle(raw))).toEqual({ problem: 'not-ascii', char });
  });

  it.each([
    ['', undefined],
    ['cli-agent', 'cli-agent'],
    [' cli-agent , cloud-agent ', 'cli-agent,cloud-agent'],
    ['cli-agent,,', 'cli-agent'],
    ['coding,coding', 'coding'],
    ['a1-b2-c3', 'a1-b2-c3'],
    ['a'.repeat(30), 'a'.repeat(30)],
  ])('appCategories accepts %j as %j', (raw, expected) => {
    expect(value(checkAppCategories(raw))).toBe(expected);
  });

  it.each([
    ['Cli-Agent', { problem: 'not-category', text: 'Cli-Agent' }],
    ['cli_agent', { problem: 'not-category', text: 'cli_agent' }],
    ['cli--agent', { problem: 'not-category', text: 'cli--agent' }],
    ['cli-', { problem: 'not-category', text: 'cli-' }],
    ['-cli', { problem: 'not-category', text: '-cli' }],
    ['cli agent', { problem: 'not-category', text: 'cli agent' }],
    ['a'.repeat(31), { problem: 'not-category', text: 'a'.repeat(31) }],
    ['b'.repeat(50), { problem: 'not-category', text: 'b'.repeat(40) }],
    ['a,b,c', { problem: 'too-many', max: 2, count: 3 }],
  ])('appCategories rejects %j', (raw, expected) => {
    expect(problem(checkAppCategories(raw))).toEqual(expected);
  });

  it('checkKeyFields keeps the valid fields, the key apart, and reports each error or hint next to its field', () => {
    const check = checkKeyFields({ existingKey: ` ${KEY} `, httpReferer: 'https://myapp.com', appTitle: 'Café', appCategories: 'cli-agent' });
    expect(check).toEqual({
      attribution: { httpReferer: 'https://myapp.com', appCategories: 'cli-agent' },
      reports: { appTitle: { problem: { problem: 'not-ascii', char: 'é' } } },
      valid: false,
      existingKey: KEY,
    });
    expect(checkKeyFields({ existingKey: KEY })).toEqual({ attribution: {}, reports: {}, valid: true, existingKey: KEY });
    expect(checkKeyFields({ existingKey: 'other-key-123', appTitle: 'My App' })).toEqual({
      attribution: { appTitle: 'My App' },
      reports: { existingKey: { hint: { hint: 'unusual-key-prefix' } } },
      valid: true,
      existingKey: 'other-key-123',
    });
    expect(checkKeyFields({})).toEqual({ attribution: {}, reports: { existingKey: { problem: { problem: 'no-key' } } }, valid: false });
  });

  it('checkApiKey wants a pasted key whole, and only hints at an unusual prefix', () => {
    expect(value(checkApiKey(`  ${KEY}\n`))).toBe(KEY);
    expect(problem(checkApiKey(''))).toEqual({ problem: 'no-key' });
    expect(problem(checkApiKey('sk-or-v1-abc def'))).toEqual({ problem: 'not-key-chars' });
    expect(problem(checkApiKey('sk-or-v1-abc\ndef'))).toEqual({ problem: 'not-key-chars' });
    expect(problem(checkApiKey('sk-or-v1-ключ'))).toEqual({ problem: 'not-key-chars' });
    expect(checkApiKey(KEY)).toEqual({ ok: true, value: KEY });
    expect(checkApiKey('other-key-123')).toEqual({ ok: true, value: 'other-key-123', hint: { hint: 'unusual-key-prefix' } });
  });

  it('never throw under arbitrary input, give every rejection a message, and never echo the key', () => {
    const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.webUrl());
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const check of [checkApiKey, checkHttpReferer, checkAppTitle, checkAppCategories]) {
          const result = check(raw);
          if (!result.ok) expect(problemText(result.problem).trim().length).toBeGreaterThan(5);
        }
        const key = checkApiKey(raw);
        const said = key.ok ? (key.hint && hintText(key.hint)) || '' : problemText(key.problem);
        if (raw.trim().length > 8) expect(said).not.toContain(raw.trim());
      }),
      { numRuns: 1000 },
    );
  });
});

describe('the create-code request', () => {
  const attribution = { httpReferer: 'https://myapp.com', appTitle: 'My App', appCategories: 'cli-agent' };

  it('maps each attribution option to its one header and leaves out empty ones', () => {
    expect(ATTRIBUTION_HEADERS).toEqual({ httpReferer: 'HTTP-Referer', appTitle: 'X-OpenRouter-Title', appCategories: 'X-OpenRouter-Categories' });
    expect(attributionHeaders(attribution)).toEqual({
      'HTTP-Referer': 'https://myapp.com',
      'X-OpenRouter-Title': 'My App',
      'X-OpenRouter-Categories': 'cli-agent',
    });
    expect(attributionHeaders({ appTitle: '' })).toEqual({});
  });

  it('POSTs the SDK-shaped JSON body to <origin>/api/v1/auth/keys/code with the key as Bearer', () => {
    expect(buildCreateCodeRequest(ORIGIN, KEY, { ...BODY, expiresAt: '2027-01-01T00:00:00Z' }, attribution)).toEqual({
      method: 'POST',
      url: 'https://openrouter.ai/api/v1/auth/keys/code',
      headers: {
        Authorization: `Bearer ${KEY}`,
        'Content-Type': 'application/json',
        'HTTP-Referer': 'https://myapp.com',
        'X-OpenRouter-Title': 'My App',
        'X-OpenRouter-Categories': 'cli-agent',
      },
      body:
        '{"callback_url":"https://myapp.com/auth/callback","code_challenge":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",' +
        '"code_challenge_method":"S256","expires_at":"2027-01-01T00:00:00.000Z","limit":5}',
    });
    expect(buildCreateCodeRequest('http://127.0.0.1:4010/ignored/path', KEY, BODY).url).toBe('http://127.0.0.1:4010/api/v1/auth/keys/code');
  });

  it('describes the same request with only the prefix and last four of the key', () => {
    const described = describeCreateCodeRequest(ORIGIN, KEY, BODY, attribution);
    const sent = buildCreateCodeRequest(ORIGIN, KEY, BODY, attribution);
    expect(described.headers.Authorization).toBe('Bearer sk-or-v1-…cdef');
    expect({ ...described, headers: { ...described.headers, Authorization: sent.headers.Authorization } }).toEqual(sent);
    expect(JSON.stringify(described)).not.toContain(KEY.slice(9, -4));
  });

  it.each([
    [KEY, 'Bearer sk-or-v1-…cdef'],
    ['  sk-or-v1-0123456789abcdefXYZ9  ', 'Bearer sk-or-v1-…XYZ9'],
    ['opaque-token-0123456789', 'Bearer …6789'],
    ['sk-or-v1-short', 'Bearer sk-or-v1-…'],
    ['abc', 'Bearer …'],
    ['', 'Bearer …'],
  ])('describes the key %j as %j', (key, expected) => {
    expect(describeCreateCodeRequest(ORIGIN, key, BODY).headers.Authorization).toBe(expected);
  });

  it('never shows more than four characters of any key past its prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdef0123456789XYZ-_'), maxLength: 80 }), fc.boolean(), (rest, prefixed) => {
        const shown = describeCreateCodeRequest(ORIGIN, (prefixed ? 'sk-or-v1-' : '') + rest, BODY).headers.Authorization!.replace(/^Bearer (sk-or-v1-)?…/, '');
        expect(shown.length).toBeLessThanOrEqual(4);
        if (rest.length < 16) expect(shown).toBe('');
      }),
    );
  });
});

describe('interpretCreateCode', () => {
  it('returns the code from a 200, and nothing else of the answer', () => {
    const ok = JSON.stringify({ data: { id: 'auth_code_abc123def456', app_id: 42, created_at: '2027-01-01T00:00:00Z' } });
    expect(createCode(200, ok)).toEqual({ ok: true, code: 'auth_code_abc123def456' });
    expect(createCode(201, JSON.stringify({ data: { id: 'c' } }))).toEqual({ ok: true, code: 'c' });
  });

  it.each([['not json'], ['null'], ['[]'], ['{}'], ['{"data":null}'], ['{"data":{}}'], ['{"data":{"id":""}}'], ['{"data":{"id":7}}'], ['{"id":"x"}']])(
    'treats the 200 body %j as no result, retryable',
    (body) => {
      expect(failureOf(createCode(200, body))).toEqual({ retryable: true, status: 200, reason: 'no-result' });
    },
  );

  it.each([
    [400, err(400, 'Invalid request parameters'), false, 'invalid-request'],
    [400, '', false, 'invalid-request'],
    [401, err(401, 'Missing Authentication header'), false, 'no-key-sent'],
    [401, err(401, 'No auth credentials found'), false, 'no-key-sent'],
    [401, err(401, 'User not found.'), false, 'key-refused'],
    [401, '', false, 'key-refused'],
    [403, err(403, 'Only management keys can perform this operation'), false, 'key-forbidden'],
    [409, err(409, 'Resource conflict. Please try again later.'), true, 'conflict'],
    [429, '', true, 'rate-limited'],
    [408, '', true, 'server'],
    [500, err(500, 'Internal Server Error'), true, 'server'],
    [502, '<html>Bad gateway</html>', true, 'server'],
    [503, '', true, 'server'],
    [404, '', false, 'refused'],
    [405, 'Method Not Allowed', false, 'refused'],
  ])('maps HTTP %i %j to retryable: %s, reason %s', (status, body, retryable, reason) => {
    expect(failureOf(createCode(status, body))).toMatchObject({ retryable, status, reason });
  });

  it("keeps OpenRouter's own message as the detail", () => {
    expect(failureOf(createCode(400, err(400, 'key_label is too long'))).detail).toBe('key_label is too long');
    expect(failureOf(createCode(500, 'oops')).detail).toBeUndefined();
  });

  it('never lets the key or the verifier into any text, even when the server echoes them', () => {
    const statuses = [200, 400, 401, 403, 409, 429, 500, 502, 418];
    const echoes = [
      err(400, `bad key ${KEY} and ${VERIFIER}`),
      err(401, `Bearer ${KEY}`),
      JSON.stringify({ error: { message: `${KEY.slice(0, 20)} ${KEY}` } }),
      JSON.stringify({ data: { id: '', created_at: KEY } }),
      KEY,
    ];
    for (const status of statuses) {
      for (const body of echoes) {
        const text = JSON.stringify(createCode(status, body));
        expect(text).not.toContain(KEY);
        expect(text).not.toContain(VERIFIER);
        expect(text).not.toContain(KEY.slice(9));
      }
    }
    expect(JSON.stringify(createCode(200, JSON.stringify({ data: { id: 'c', created_at: `at ${KEY}` } })))).not.toContain(KEY);
  });

  it('tells a network failure from a timeout', () => {
    expect(failureOf(interpretCreateCode({ failed: 'unreachable' }, SECRETS))).toEqual({ retryable: true, reason: 'unreachable' });
    expect(failureOf(interpretCreateCode({ failed: 'timeout' }, SECRETS))).toEqual({ retryable: true, reason: 'timeout' });
  });
});

describe('createAuthCode (flow)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const ok = () => new Response(JSON.stringify({ data: { id: 'auth_code_1', app_id: 3, created_at: '2027-01-01T00:00:00Z' } }), { status: 200 });

  it('sends exactly the built request, with no credentials, referrer, cache or redirects', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => ok());
    const attribution = { appTitle: 'My App' };
    const result = await createAuthCode(
      { origin: ORIGIN, fetch: fetch as unknown as typeof globalThis.fetch },
      { apiKey: KEY, body: BODY, attribution, secrets: [VERIFIER] },
    );
    expect(result).toEqual({ ok: true, code: 'auth_code_1' });
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0]!;
    const built = buildCreateCodeRequest(ORIGIN, KEY, BODY, attribution);
    expect(url).toBe(built.url);
    expect(init).toMatchObject({
      method: 'POST',
      headers: built.headers,
      body: built.body,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('keeps the key and extra secrets out of a failure that echoes them', async () => {
    const fetch = vi.fn(async () => new Response(err(401, `bad ${KEY} ${VERIFIER}`), { status: 401 }));
    const result = await createAuthCode({ origin: ORIGIN, fetch }, { apiKey: KEY, body: BODY, secrets: [VERIFIER] });
    expect(failureOf(result)).toMatchObject({ status: 401, retryable: false, reason: 'key-refused' });
    expect(JSON.stringify(result)).not.toMatch(new RegExp(`${KEY}|${VERIFIER}`));
  });

  it('turns a thrown fetch into a network failure without any of its text', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError(`Failed to fetch with ${KEY}`);
    });
    const result = await createAuthCode({ origin: ORIGIN, fetch }, { apiKey: KEY, body: BODY, secrets: [VERIFIER] });
    expect(failureOf(result)).toEqual({ retryable: true, reason: 'unreachable' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });

  it('aborts after the timeout and reports it', async () => {
    const timeout = vi.spyOn(AbortSignal, 'timeout');
    const { fetch, aborted } = hangingFetch();
    const pending = createAuthCode({ origin: ORIGIN, fetch, timeoutMs: 20 }, { apiKey: KEY, body: BODY, secrets: [VERIFIER] });
    expect(timeout).toHaveBeenCalledWith(20);
    expect(aborted()).toBe(false);
    expect(failureOf(await pending)).toEqual({ retryable: true, reason: 'timeout' });
    expect(aborted()).toBe(true);
  });
});
