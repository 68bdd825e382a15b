// The stand-in must behave like OpenRouter, or the end-to-end tests prove nothing.
import { createHash, randomBytes } from 'node:crypto';
import { OpenRouter } from '@openrouter/sdk';
import { CreateAuthKeysCodeResponse$inboundSchema, GetCurrentKeyResponse$inboundSchema } from '@openrouter/sdk/models/operations';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALLOWED_HEADERS, createStandin } from '../../standin/openrouter.mjs';

const standin = createStandin();
let origin: string;
beforeAll(async () => {
  origin = (await standin.listen(0)) as string;
});
afterAll(() => standin.close());
beforeEach(() => standin.reset());

const b64u = (buf: Buffer) => buf.toString('base64url');
const CALLBACK = 'http://127.0.0.1:4173/app/';

/** Walks the consent page like a person: open /auth, press a button, follow nothing. */
async function consent(query: Record<string, string>, decision: 'approve' | 'deny' = 'approve') {
  const page = await fetch(`${origin}/auth?${new URLSearchParams(query)}`);
  const html = await page.text();
  const id = /name="request" value="([^"]+)"/.exec(html)?.[1];
  if (!id) return { status: page.status, html };
  const answer = await fetch(`${origin}/auth/decision`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ request: id, decision }),
    redirect: 'manual',
  });
  return { status: answer.status, location: answer.headers.get('location'), html: await answer.text() };
}

async function codeFor(verifier: string, method: 'S256' | 'plain' = 'S256', extra: Record<string, string> = {}) {
  const challenge = method === 'S256' ? b64u(createHash('sha256').update(verifier).digest()) : verifier;
  const { location } = await consent({ callback_url: CALLBACK, code_challenge: challenge, code_challenge_method: method, ...extra });
  return new URL(location!).searchParams.get('code')!;
}

const exchange = (body: unknown) =>
  fetch(`${origin}/api/v1/auth/keys`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

describe('the OpenRouter stand-in', () => {
  const verifier = b64u(randomBytes(32));

  it('redirects back with code and state, and mints a key for the right S256 verifier once', async () => {
    const { status, location } = await consent({
      callback_url: CALLBACK,
      code_challenge: b64u(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
      state: 'the-state',
    });
    expect(status).toBe(303);
    const back = new URL(location!);
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe('the-state');
    const code = back.searchParams.get('code')!;

    const first = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const minted = (await first.json()) as { key: string; user_id: string };
    expect(minted.key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
    expect(minted.user_id).toMatch(/^user_/);

    const again = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: { code: 403, message: 'Invalid code or code_verifier' } });
  });

  it('rejects a wrong verifier, a method mismatch and garbage in OpenRouter’s error JSON', async () => {
    const code = await codeFor(verifier);
    expect(await (await exchange({ code, code_verifier: `${verifier}x`, code_challenge_method: 'S256' })).json()).toEqual({
      error: { code: 403, message: 'Invalid code or code_verifier' },
    });
    const mismatch = await exchange({ code, code_verifier: verifier, code_challenge_method: 'plain' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ error: { code: 400, message: 'Invalid code_challenge_method' } });
    expect((await exchange({})).status).toBe(400);
    expect((await fetch(`${origin}/api/v1/auth/keys`, { method: 'POST', body: '{nope' })).status).toBe(400);
    // None of those spent the code.
    expect((await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' })).status).toBe(200);
  });

  it('accepts plain, where the verifier is the challenge', async () => {
    const code = await codeFor(verifier, 'plain');
    expect((await exchange({ code, code_verifier: verifier, code_challenge_method: 'plain' })).status).toBe(200);
  });

  it('expires codes after 10 minutes', async () => {
    const code = await codeFor(verifier);
    await fetch(`${origin}/__standin/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 10 * 60 * 1000 }) });
    const late = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ error: { code: 403, message: 'Authorization code expired' } });
  });

  it('answers preflights with its header allow-list and refuses other methods with 405', async () => {
    const preflight = await fetch(`${origin}/api/v1/auth/keys`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:4173', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')?.split(', ')).toEqual(ALLOWED_HEADERS);
    expect(ALLOWED_HEADERS).not.toContain('openai-beta');
    const get = await fetch(`${origin}/api/v1/auth/keys`);
    expect(get.status).toBe(405);
    expect(await get.json()).toEqual({ error: { code: 405, message: 'Method Not Allowed' } });
  });

  it('sends a denial back as error=access_denied, with state unless configured otherwise', async () => {
    const denied = await consent({ callback_url: CALLBACK, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256', state: 's1' }, 'deny');
    const back = new URL(denied.location!);
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toBeTruthy();
    expect(back.searchParams.get('state')).toBe('s1');

    await fetch(`${origin}/__standin/config`, { method: 'POST', body: JSON.stringify({ echoState: false }) });
    const approved = await consent({ callback_url: CALLBACK, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256', state: 's2' });
    expect(new URL(approved.location!).searchParams.has('state')).toBe(false);
  });

  it('validates /auth like OpenRouter and shows the code itself in headless mode', async () => {
    expect((await consent({ callback_url: 'http://evil.example/' })).status).toBe(400);
    expect((await consent({ code_challenge: 'c'.repeat(43), code_challenge_method: 'plain' })).status).toBe(400);
    const headless = await consent({ code_challenge: b64u(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' });
    expect(headless.status).toBe(200);
    const code = /<output id="code">([^<]+)<\/output>/.exec(headless.html)![1]!;
    expect((await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' })).status).toBe(200);
  });

  it('escapes what it echoes on the consent page', async () => {
    const { html } = await fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK, key_label: '<script>x</script>' })}`).then(async (r) => ({
      html: await r.text(),
    }));
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#60;script&#62;x');
  });
});

// ---- Headless mode, COOP, keys/code, key settings and GET /api/v1/key ----

const s256 = (verifier: string) => b64u(createHash('sha256').update(verifier).digest());
const admin = (path: string, body: unknown) => fetch(`${origin}/__standin/${path}`, { method: 'POST', body: JSON.stringify(body) });
const DEV_KEY = `sk-or-v1-${'d'.repeat(64)}`;
const WORKSPACE = '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f';
const FUTURE = '2099-06-30T10:34:56Z';

const createCode = (body: unknown, key: string | null = DEV_KEY, headers: Record<string, string> = {}) =>
  fetch(`${origin}/api/v1/auth/keys/code`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key && { Authorization: `Bearer ${key}` }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const keyInfo = (key: string | null) => fetch(`${origin}/api/v1/key`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });

/** What GET /api/v1/key reports for a key, checked against the SDK's own response schema. */
async function keyData(key: string) {
  const response = await keyInfo(key);
  expect(response.status).toBe(200);
  const json = await response.json();
  expect(() => GetCurrentKeyResponse$inboundSchema.parse(json)).not.toThrow();
  return (json as { data: Record<string, unknown> }).data;
}

/** A code from keys/code with an S256 challenge for `verifier`, and the settings in `extra`. */
async function apiCode(verifier: string, extra: Record<string, unknown> = {}) {
  const response = await createCode({ callback_url: CALLBACK, code_challenge: s256(verifier), code_challenge_method: 'S256', ...extra });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function mint(code: string, verifier: string) {
  const response = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
  expect(response.status).toBe(200);
  return ((await response.json()) as { key: string }).key;
}

describe('the stand-in, beyond the redirect flow', () => {
  const verifier = b64u(randomBytes(32));
  beforeEach(async () => {
    expect((await admin('api-keys', { key: DEV_KEY })).status).toBe(200);
  });

  describe('COOP and headless mode', () => {
    it('sends no Cross-Origin-Opener-Policy unless configured', async () => {
      const page = await fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK })}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cross-origin-opener-policy')).toBeNull();
    });

    it('sends COOP same-origin on every consent-flow page when coop is on, and reset turns it off', async () => {
      expect((await admin('config', { coop: true })).status).toBe(200);
      const consentPage = await fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK })}`);
      expect(consentPage.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      const html = await consentPage.text();
      const id = /name="request" value="([^"]+)"/.exec(html)![1]!;
      const redirect = await fetch(`${origin}/auth/decision`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request: id, decision: 'approve' }),
        redirect: 'manual',
      });
      expect(redirect.status).toBe(303);
      expect(redirect.headers.get('cross-origin-opener-policy')).toBe('same-origin');

      const headless = await fetch(`${origin}/auth?${new URLSearchParams({ code_challenge: s256(verifier), code_challenge_method: 'S256' })}`);
      expect(headless.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      const codePage = await fetch(`${origin}/auth/decision`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request: /name="request" value="([^"]+)"/.exec(await headless.text())![1]!, decision: 'approve' }),
      });
      expect(await codePage.text()).toMatch(/<output id="code">[A-Za-z0-9_-]+<\/output>/);
      expect(codePage.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      const invalid = await fetch(`${origin}/auth`);
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      // The API is not a page: no COOP there.
      expect((await keyInfo(null)).headers.get('cross-origin-opener-policy')).toBeNull();

      await admin('reset', {});
      const after = await fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK })}`);
      expect(after.headers.get('cross-origin-opener-policy')).toBeNull();
    });

    it('requires a code_challenge without callback_url', async () => {
      const missing = await consent({ key_label: 'CLI' });
      expect(missing.status).toBe(400);
      expect(missing.html).toContain('A code_challenge is required in this mode');
      expect(missing.html).not.toContain('name="request"');
    });

    it('names a headless key after key_label, or "headless" without one', async () => {
      const code = async (query: Record<string, string>) => {
        const { html } = await consent({ code_challenge: s256(verifier), code_challenge_method: 'S256', ...query });
        return /<output id="code">([^<]+)<\/output>/.exec(html)![1]!;
      };
      expect((await keyData(await mint(await code({ key_label: 'My CLI' }), verifier))).label).toBe('My CLI');
      expect((await keyData(await mint(await code({}), verifier))).label).toBe('headless');
    });
  });

  describe('POST /api/v1/auth/keys/code', () => {
    it('answers 401 without a bearer key, and for a key it does not know', async () => {
      const missing = await createCode({ callback_url: CALLBACK }, null);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ error: { code: 401, message: 'Missing Authentication header' } });
      const basic = await createCode({ callback_url: CALLBACK }, null, { Authorization: `Basic ${DEV_KEY}` });
      expect(basic.status).toBe(401);
      expect(await basic.json()).toEqual({ error: { code: 401, message: 'Missing Authentication header' } });
      const unknown = await createCode({ callback_url: CALLBACK }, `sk-or-v1-${'0'.repeat(64)}`);
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toEqual({ error: { code: 401, message: 'User not found.' } });
      // Authentication comes first, as on OpenRouter: an invalid body with no key is still a 401.
      expect((await createCode({}, null)).status).toBe(401);
    });

    it.each([
      ['no callback_url', { callback_url: undefined }, 'callback_url is required'],
      ['a callback_url that is no URL', { callback_url: 'not a url' }, 'callback_url is not a URL'],
      ['a plain-http callback_url off localhost', { callback_url: 'http://evil.example/cb' }, 'callback_url must be https, or http on localhost'],
      ['a numeric code_challenge', { code_challenge: 42 }, 'code_challenge must be a string'],
      ['an unknown code_challenge_method', { code_challenge: 'c'.repeat(43), code_challenge_method: 'S512' }, 'code_challenge_method must be S256 or plain'],
      ['a negative limit', { limit: -1 }, 'limit must be a number >= 0'],
      ['a limit sent as a string', { limit: '10' }, 'limit must be a number >= 0'],
      ['expires_at without seconds', { expires_at: '2099-06-30T10:34Z' }, 'expires_at must be a UTC timestamp with seconds (YYYY-MM-DDTHH:MM:SSZ)'],
      ['expires_at with an offset', { expires_at: '2099-06-30T10:34:56+02:00' }, 'expires_at must be a UTC timestamp with seconds (YYYY-MM-DDTHH:MM:SSZ)'],
      ['expires_at on a day that does not exist', { expires_at: '2099-02-30T10:34:56Z' }, 'expires_at is not a valid date'],
      ['expires_at in the past', { expires_at: '2001-01-01T00:00:00Z' }, 'expires_at must be in the future'],
      ['a 101-character key_label', { key_label: 'x'.repeat(101) }, 'key_label must be a string of at most 100 characters'],
      ['a null key_label', { key_label: null }, 'key_label must be a string of at most 100 characters'],
      ['an unknown usage_limit_type', { usage_limit_type: 'yearly' }, 'usage_limit_type must be one of daily, weekly, monthly'],
      ['a workspace_id that is no UUID', { workspace_id: 'default' }, 'workspace_id must be a UUID'],
    ])('answers 400 for %s', async (_, patch, message) => {
      const response = await createCode({ callback_url: CALLBACK, ...patch });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: { code: 400, message: `Invalid request parameters: ${message}` } });
    });

    it('answers 400 for a body that is not a JSON object, and names every problem at once', async () => {
      for (const body of ['{nope', '[]', '"text"']) {
        const response = await createCode(body);
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error: { code: 400, message: 'Invalid JSON body' } });
      }
      const both = await createCode({ callback_url: CALLBACK, limit: -1, usage_limit_type: 'yearly' });
      expect(((await both.json()) as { error: { message: string } }).error.message).toBe(
        'Invalid request parameters: limit must be a number >= 0; usage_limit_type must be one of daily, weekly, monthly',
      );
    });

    it('accepts the edges of every rule', async () => {
      for (const patch of [
        { limit: 0 },
        { limit: 12.5 },
        { expires_at: '2099-06-30T10:34:56.789Z' },
        { expires_at: null },
        { key_label: 'x'.repeat(100) },
        { workspace_id: WORKSPACE.toUpperCase() },
        { callback_url: 'http://localhost:51423/callback' },
        { callback_url: 'https://app.example/cb?x=1' },
        { code_challenge_method: 'plain', code_challenge: verifier },
        { spawn_agent: 'ignored-telemetry' },
      ]) {
        expect((await createCode({ callback_url: CALLBACK, ...patch })).status, JSON.stringify(patch)).toBe(200);
      }
    });

    it('answers 200 with data.id, an integer app_id per callback host and created_at', async () => {
      const response = await createCode({ callback_url: CALLBACK });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const json = await response.json();
      expect(() => CreateAuthKeysCodeResponse$inboundSchema.parse(json)).not.toThrow();
      const { data } = json as { data: { id: string; app_id: number; created_at: string } };
      expect(Object.keys(data).sort()).toEqual(['app_id', 'created_at', 'id']);
      expect(data.id).toMatch(/^[A-Za-z0-9_-]{16,128}$/);
      expect(Number.isInteger(data.app_id)).toBe(true);
      expect(Math.abs(Date.parse(data.created_at) - Date.now())).toBeLessThan(60_000);
      const again = (await (await createCode({ callback_url: `${CALLBACK}other` })).json()) as typeof json;
      expect(again.data.app_id).toBe(data.app_id);
      expect(again.data.id).not.toBe(data.id);
      const elsewhere = (await (await createCode({ callback_url: 'https://elsewhere.example/' })).json()) as typeof json;
      expect(elsewhere.data.app_id).not.toBe(data.app_id);
    });

    it('answers 403, 409 and 500 through faults on route "code", one request each', async () => {
      await admin('faults', [
        { route: 'code', status: 403, body: JSON.stringify({ error: { code: 403, message: 'Only management keys can perform this operation' } }) },
        { route: 'code', status: 409 },
        { route: 'code', status: 500 },
      ]);
      const forbidden = await createCode({ callback_url: CALLBACK });
      expect(forbidden.status).toBe(403);
      expect(await forbidden.json()).toEqual({ error: { code: 403, message: 'Only management keys can perform this operation' } });
      const conflict = await createCode({ callback_url: CALLBACK });
      expect(conflict.status).toBe(409);
      expect(await conflict.json()).toEqual({ error: { code: 409, message: 'Injected fault' } });
      expect(conflict.headers.get('access-control-allow-origin')).toBe('*');
      expect((await createCode({ callback_url: CALLBACK })).status).toBe(500);
      expect((await createCode({ callback_url: CALLBACK })).status).toBe(200);
      // A fault on "code" leaves the exchange alone.
      expect((await exchange({ code: 'nope' })).status).toBe(403);
    });

    it('issues a code that is exchangeable once, only with the right verifier, like a redirect code', async () => {
      const code = await apiCode(verifier);
      const wrong = await exchange({ code, code_verifier: `${verifier}x`, code_challenge_method: 'S256' });
      expect(wrong.status).toBe(403);
      expect(await wrong.json()).toEqual({ error: { code: 403, message: 'Invalid code or code_verifier' } });
      expect((await exchange({ code, code_verifier: verifier, code_challenge_method: 'plain' })).status).toBe(400);
      const key = await mint(code, verifier);
      expect(key).toMatch(/^sk-or-v1-[0-9a-f]{64}$/);
      const again = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
      expect(again.status).toBe(403);
      expect(await again.json()).toEqual({ error: { code: 403, message: 'Invalid code or code_verifier' } });
    });

    it('lets its codes expire after 10 minutes', async () => {
      const code = await apiCode(verifier);
      await admin('clock', { advanceMs: 10 * 60 * 1000 });
      const late = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
      expect(await late.json()).toEqual({ error: { code: 403, message: 'Authorization code expired' } });
    });

    it('carries the requested settings onto the key, and GET /api/v1/key reports them', async () => {
      const key = await mint(
        await apiCode(verifier, {
          key_label: 'Docs & demos',
          limit: 12.5,
          usage_limit_type: 'weekly',
          expires_at: '2099-06-30T10:34:56.5Z',
          workspace_id: WORKSPACE,
        }),
        verifier,
      );
      expect(await keyData(key)).toMatchObject({
        label: 'Docs & demos',
        limit: 12.5,
        limit_remaining: 12.5,
        limit_reset: 'weekly',
        expires_at: '2099-06-30T10:34:56.500Z',
        workspace_id: WORKSPACE,
        usage: 0,
      });
      const [record] = Object.values((await (await fetch(`${origin}/__standin/keys`)).json()) as Record<string, Record<string, unknown>>);
      expect(record).toMatchObject({ key_label: 'Docs & demos', limit: 12.5, usage_limit_type: 'weekly', workspace_id: WORKSPACE, via: 'code' });
    });

    it('hands workspace_id back in lower case, as a UUID column would', async () => {
      const key = await mint(await apiCode(verifier, { workspace_id: WORKSPACE.toUpperCase() }), verifier);
      expect((await keyData(key)).workspace_id).toBe(WORKSPACE);
    });

    it('defaults the label to the callback host and leaves limit, reset and expiry open', async () => {
      const data = await keyData(await mint(await apiCode(verifier), verifier));
      expect(data).toMatchObject({ label: '127.0.0.1:4173', limit: null, limit_remaining: null, limit_reset: null, expires_at: null });
      expect(data.workspace_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('logs every request with all its headers', async () => {
      await createCode({ callback_url: CALLBACK }, DEV_KEY, {
        'HTTP-Referer': 'https://keymint.example/',
        'X-OpenRouter-Title': 'Keymint',
        'X-OpenRouter-Categories': 'cli-agent,cloud-agent',
      });
      const log = (await (await fetch(`${origin}/__standin/log`)).json()) as Array<{ path: string; headers: Record<string, string>; body: string }>;
      const logged = log.find((r) => r.path === '/api/v1/auth/keys/code')!;
      expect(logged.headers).toMatchObject({
        authorization: `Bearer ${DEV_KEY}`,
        'http-referer': 'https://keymint.example/',
        'x-openrouter-title': 'Keymint',
        'x-openrouter-categories': 'cli-agent,cloud-agent',
        'content-type': 'application/json',
      });
      expect(JSON.parse(logged.body)).toEqual({ callback_url: CALLBACK });
    });

    it('speaks the wire format of the official SDK: create, exchange, look up', async () => {
      const client = new OpenRouter({
        apiKey: DEV_KEY,
        serverURL: `${origin}/api/v1`,
        httpReferer: 'https://keymint.example/',
        appTitle: 'Keymint',
        appCategories: 'cli-agent',
      });
      const expiresAt = new Date('2099-01-02T03:04:05.678Z');
      const created = await client.oAuth.createAuthCode({
        requestBody: {
          callbackUrl: CALLBACK,
          codeChallenge: s256(verifier),
          codeChallengeMethod: 'S256',
          keyLabel: 'From the SDK',
          limit: 5,
          usageLimitType: 'monthly',
          expiresAt,
          workspaceId: WORKSPACE,
        },
      });
      const minted = await client.oAuth.exchangeAuthCodeForAPIKey({
        requestBody: { code: created.data.id, codeVerifier: verifier, codeChallengeMethod: 'S256' },
      });
      const { data } = await new OpenRouter({ apiKey: minted.key, serverURL: `${origin}/api/v1` }).apiKeys.getCurrentKeyMetadata();
      expect(data).toMatchObject({ label: 'From the SDK', limit: 5, limitReset: 'monthly', workspaceId: WORKSPACE, expiresAt });
      expect(data.creatorUserId).toBe(minted.userId);
      const log = (await (await fetch(`${origin}/__standin/log`)).json()) as Array<{ path: string; headers: Record<string, string> }>;
      expect(log.find((r) => r.path === '/api/v1/auth/keys/code')!.headers).toMatchObject({
        'http-referer': 'https://keymint.example/',
        'x-openrouter-title': 'Keymint',
        'x-openrouter-categories': 'cli-agent',
      });
    });
  });

  describe('key settings on /auth', () => {
    const redirectKey = async (query: Record<string, string>) => {
      const code = await codeFor(verifier, 'S256', query);
      return mint(code, verifier);
    };

    it('carries key_label, limit, usage_limit_type, expires_at and workspace_id onto the key', async () => {
      const key = await redirectKey({ key_label: 'Docs & demos #1', limit: '12.5', usage_limit_type: 'daily', expires_at: FUTURE, workspace_id: WORKSPACE });
      expect(await keyData(key)).toMatchObject({
        label: 'Docs & demos #1',
        limit: 12.5,
        limit_remaining: 12.5,
        limit_reset: 'daily',
        expires_at: '2099-06-30T10:34:56.000Z',
        workspace_id: WORKSPACE,
      });
      const keys = (await (await fetch(`${origin}/__standin/keys`)).json()) as Record<string, Record<string, unknown>>;
      expect(keys[key]).toMatchObject({ key_label: 'Docs & demos #1', limit: 12.5, via: 'redirect' });
    });

    it('defaults the label to the callback host', async () => {
      expect((await keyData(await redirectKey({}))).label).toBe('127.0.0.1:4173');
    });

    it('refuses settings OpenRouter would refuse, with a 400 page', async () => {
      for (const [name, value] of [
        ['limit', 'ten'],
        ['limit', '-1'],
        ['usage_limit_type', 'yearly'],
        ['expires_at', '2099-06-30T10:34Z'],
        ['expires_at', '2001-01-01T00:00:00Z'],
        ['workspace_id', 'default'],
        ['key_label', 'x'.repeat(101)],
      ] as const) {
        const { status, html } = await consent({ callback_url: CALLBACK, [name]: value });
        expect(status, `${name}=${value}`).toBe(400);
        expect(html).toContain(name);
      }
    });

    it('ignores the params listed in ignoreAuthParams, without even checking them', async () => {
      expect((await admin('config', { ignoreAuthParams: ['limit', 'key_label', 'expires_at'] })).status).toBe(200);
      const page = await fetch(
        `${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK, key_label: 'Asked for', limit: '3', usage_limit_type: 'monthly' })}`,
      );
      const html = await page.text();
      expect(html).not.toContain('Asked for');
      expect(html).toContain('monthly');
      const key = await redirectKey({ key_label: 'Asked for', limit: '3', usage_limit_type: 'monthly', expires_at: 'garbage' });
      expect(await keyData(key)).toMatchObject({ label: '127.0.0.1:4173', limit: null, limit_reset: 'monthly', expires_at: null });
      // What was asked for is still in the log, so a test can compare requested with applied.
      const log = (await (await fetch(`${origin}/__standin/log`)).json()) as Array<{ path: string; query: Record<string, string> }>;
      expect(log.filter((r) => r.path === '/auth').at(-1)!.query).toMatchObject({ key_label: 'Asked for', limit: '3' });
    });

    it('refuses config it does not know, so a typo cannot silently do nothing', async () => {
      expect((await admin('config', { ignoreAuthParam: ['limit'] })).status).toBe(400);
      expect((await admin('config', { ignoreAuthParams: 'limit' })).status).toBe(400);
      expect((await admin('config', { coop: 'yes' })).status).toBe(400);
    });
  });

  describe('GET /api/v1/key', () => {
    it('answers 401 without a key, for an unknown key and for an expired one', async () => {
      const missing = await keyInfo(null);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({ error: { code: 401, message: 'Missing Authentication header' } });
      const unknown = await keyInfo(`sk-or-v1-${'0'.repeat(64)}`);
      expect(unknown.status).toBe(401);
      expect(await unknown.json()).toEqual({ error: { code: 401, message: 'User not found.' } });

      const soon = new Date(Date.now() + 60 * 60 * 1000).toISOString();
      const key = await mint(await apiCode(verifier, { expires_at: soon }), verifier);
      expect((await keyInfo(key)).status).toBe(200);
      await admin('clock', { advanceMs: 2 * 60 * 60 * 1000 });
      expect((await keyInfo(key)).status).toBe(401);
    });

    it('reports the whole getCurrentKey shape with no usage', async () => {
      const key = await mint(await apiCode(verifier), verifier);
      const data = await keyData(key);
      expect(data).toMatchObject({
        include_byok_in_limit: false,
        usage: 0,
        usage_daily: 0,
        usage_weekly: 0,
        usage_monthly: 0,
        byok_usage: 0,
        byok_usage_daily: 0,
        byok_usage_weekly: 0,
        byok_usage_monthly: 0,
        is_free_tier: false,
        is_management_key: false,
        is_provisioning_key: false,
        rate_limit: { requests: -1, interval: '10s' },
      });
      expect(data.creator_user_id).toMatch(/^user_/);
    });

    it('reports the label as the masked key when maskedLabel is on', async () => {
      await admin('config', { maskedLabel: true });
      const key = await mint(await apiCode(verifier, { key_label: 'Named' }), verifier);
      expect((await keyData(key)).label).toBe(`${key.slice(0, 12)}...${key.slice(-3)}`);
    });

    it('fails through faults on route "key", and refuses other methods with 405', async () => {
      await admin('faults', { route: 'key', status: 500 });
      const failed = await keyInfo(DEV_KEY);
      expect(failed.status).toBe(500);
      expect(failed.headers.get('access-control-allow-origin')).toBe('*');
      expect((await keyInfo(DEV_KEY)).status).toBe(200);
      const post = await fetch(`${origin}/api/v1/key`, { method: 'POST', headers: { Authorization: `Bearer ${DEV_KEY}` } });
      expect(post.status).toBe(405);
      expect(await post.json()).toEqual({ error: { code: 405, message: 'Method Not Allowed' } });
    });
  });

  describe('admin-added keys and CORS', () => {
    it('accepts keys added with POST /__standin/api-keys, with settings, and forgets them on reset', async () => {
      const key = `sk-or-v1-${'e'.repeat(64)}`;
      expect((await keyInfo(key)).status).toBe(401);
      expect((await admin('api-keys', { key, key_label: 'Developer key', limit: 7 })).status).toBe(200);
      expect(await keyData(key)).toMatchObject({ label: 'Developer key', limit: 7 });
      expect((await createCode({ callback_url: CALLBACK }, key)).status).toBe(200);
      // Only minted keys are listed, so tests that read the one minted key still find it.
      expect(await (await fetch(`${origin}/__standin/keys`)).json()).toEqual({});
      await admin('reset', {});
      expect((await keyInfo(key)).status).toBe(401);
      expect((await admin('api-keys', { limit: 7 })).status).toBe(400);
      expect((await admin('api-keys', { key, limit: -7 })).status).toBe(400);
    });

    it.each(['/api/v1/auth/keys/code', '/api/v1/key'])('lets %s through a preflight with the attribution headers', async (path) => {
      const requested = ['authorization', 'content-type', 'http-referer', 'x-openrouter-title', 'x-openrouter-categories'];
      const preflight = await fetch(`${origin}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://127.0.0.1:4173',
          'Access-Control-Request-Method': path.endsWith('/key') ? 'GET' : 'POST',
          'Access-Control-Request-Headers': requested.join(','),
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-methods')?.split(', ')).toEqual(expect.arrayContaining(['GET', 'POST']));
      const allowed = preflight.headers.get('access-control-allow-headers')!.split(', ');
      for (const header of requested) expect(allowed).toContain(header);
      expect(allowed).not.toContain('openai-beta');
    });
  });
});

// ---- Referrer-Policy of the consent pages, and answers lost after the work is done ----

describe('the stand-in’s referrer policy and lost answers', () => {
  const verifier = b64u(randomBytes(32));

  it('sends Referrer-Policy no-referrer on its pages unless configured, refuses unknown policies, and reset restores it', async () => {
    const page = () => fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK })}`);
    expect((await page()).headers.get('referrer-policy')).toBe('no-referrer');
    expect((await admin('config', { referrerPolicy: 'origin' })).status).toBe(200);
    expect((await page()).headers.get('referrer-policy')).toBe('origin');
    // Every HTML page, an invalid request's included.
    expect((await fetch(`${origin}/auth`)).headers.get('referrer-policy')).toBe('origin');
    expect((await admin('config', { referrerPolicy: 'origin-only' })).status).toBe(400);
    expect((await admin('config', { referrerPolicy: true })).status).toBe(400);
    await admin('reset', {});
    expect((await page()).headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('with dropAfter, does the work (the code is spent, the key minted) and then cuts the connection', async () => {
    const code = await codeFor(verifier);
    expect((await admin('faults', { route: 'exchange', dropAfter: true })).status).toBe(200);
    await expect(exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' })).rejects.toThrow();
    const keys = (await (await fetch(`${origin}/__standin/keys`)).json()) as Record<string, unknown>;
    expect(Object.keys(keys)).toHaveLength(1);
    const again = await exchange({ code, code_verifier: verifier, code_challenge_method: 'S256' });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ error: { code: 403, message: 'Invalid code or code_verifier' } });
    // The fault was used up, and the dropped request is in the log like any other.
    const log = (await (await fetch(`${origin}/__standin/log`)).json()) as Array<{ path: string; method: string }>;
    expect(log.filter((r) => r.path === '/api/v1/auth/keys' && r.method === 'POST')).toHaveLength(2);
  });
});
