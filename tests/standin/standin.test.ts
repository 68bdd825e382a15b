// The stand-in must behave like OpenRouter, or the end-to-end tests prove nothing.
import { createHash, randomBytes } from 'node:crypto';
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
    const { html } = await fetch(`${origin}/auth?${new URLSearchParams({ callback_url: CALLBACK, key_label: '<script>x</script>' })}`).then(async (r) => ({ html: await r.text() }));
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#60;script&#62;x');
  });
});
