import { describe, expect, it, vi } from 'vitest';
import { createSession, type Minted } from '../../src/flow/session';
import { draftFor } from '../../src/flow/pkce';

const ORIGIN = 'https://openrouter.ai';
const EXISTING = `sk-or-v1-${'12'.repeat(32)}`;
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

type Route = (init: RequestInit) => Promise<Response> | Response;

function setup(routes: Record<string, Route[]>) {
  const calls: Array<{ path: string; init: RequestInit }> = [];
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const path = new URL(url).pathname;
    calls.push({ path, init });
    const next = routes[path]?.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next(init);
  });
  const session = createSession({ origin: ORIGIN, appOrigin: 'https://keymint.example', storage: null, fetch: fetch as unknown as typeof globalThis.fetch });
  return { session, calls, of: (path: string) => calls.filter((c) => c.path === path) };
}

const body = { callbackUrl: 'https://keymint.example/', keyLabel: 'ci', limit: 5, usageLimitType: 'monthly' as const };
const attribution = { httpReferer: 'https://app.example/', appTitle: 'My App', appCategories: 'cli-agent' };
const created = () => json(200, { data: { id: 'code-from-key', app_id: 1, created_at: '2026-11-22T00:00:00Z' } });
const minted = () => json(200, { key: KEY, user_id: 'u' });
const info = (data: Record<string, unknown>) => () => json(200, { data });

const mintedPhase = async (session: ReturnType<typeof createSession>) => {
  await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'minted', check: { kind: expect.stringMatching(/^(checked|unchecked)$/) } }));
  return session.phase as Minted;
};

describe('minting with an existing key', () => {
  it('creates the code with the key as Bearer, exchanges it with the in-memory verifier, and checks what was applied', async () => {
    const { session, of } = setup({
      '/api/v1/auth/keys/code': [() => created()],
      '/api/v1/auth/keys': [() => minted()],
      '/api/v1/key': [info({ label: 'ci', limit: null, limit_remaining: null, limit_reset: 'monthly', include_byok_in_limit: false, expires_at: null })],
    });
    session.mintWithKey(EXISTING, body, attribution, await draftFor(VERIFIER, STATE));
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });
    const phase = await mintedPhase(session);

    const [create] = of('/api/v1/auth/keys/code');
    const headers = create!.init.headers as Record<string, string>;
    expect(headers).toMatchObject({ Authorization: `Bearer ${EXISTING}`, 'HTTP-Referer': 'https://app.example/', 'X-OpenRouter-Title': 'My App', 'X-OpenRouter-Categories': 'cli-agent' });
    expect(JSON.parse(create!.init.body as string)).toEqual({
      callback_url: 'https://keymint.example/',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      key_label: 'ci',
      limit: 5,
      usage_limit_type: 'monthly',
    });
    const [exchange] = of('/api/v1/auth/keys');
    expect(JSON.parse(exchange!.init.body as string)).toEqual({ code: 'code-from-key', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    expect(exchange!.init.headers).not.toHaveProperty('Authorization');
    const [lookup] = of('/api/v1/key');
    expect((lookup!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${KEY}`);

    expect(phase.key.reveal()).toBe(KEY);
    expect(phase.check.kind).toBe('checked');
    if (phase.check.kind !== 'checked') return;
    const limit = phase.check.rows.find((row) => row.title === 'Credit limit')!;
    expect(limit.verdict).toBe('differs'); // asked for $5, the key has no limit
    expect(phase.check.rows.find((row) => row.title === 'Limit resets')!.verdict).toBe('same');
    expect(phase.links?.settings).toMatch(new RegExp(`^${ORIGIN}/keys/[0-9a-f]{64}$`));
    expect(phase.links?.activity).toMatch(new RegExp(`^${ORIGIN}/logs\\?api_key_hash=[0-9a-f]{64}$`));
    expect(JSON.stringify(session.phase)).not.toContain(KEY);
    expect(JSON.stringify(session.phase)).not.toContain(EXISTING);
  });

  it('reports a refused key without exchanging, and keeps no secret in the message', async () => {
    const { session, of } = setup({ '/api/v1/auth/keys/code': [() => json(401, { error: { code: 401, message: `User not found for ${EXISTING}` } })] });
    session.mintWithKey(EXISTING, body, {}, await draftFor(VERIFIER, STATE));
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 401, retryable: false } });
    expect(JSON.stringify(session.phase)).not.toContain(EXISTING);
    expect(of('/api/v1/auth/keys')).toHaveLength(0);
    session.retry();
    expect(of('/api/v1/auth/keys/code')).toHaveLength(1);
  });

  it('sends the create-code request again on Retry after a network failure', async () => {
    const { session, of } = setup({ '/api/v1/auth/keys/code': [() => Promise.reject(new TypeError('Failed to fetch')), () => created()], '/api/v1/auth/keys': [() => minted()], '/api/v1/key': [info({})] });
    session.mintWithKey(EXISTING, body, {}, await draftFor(VERIFIER, STATE));
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } }));
    session.retry();
    await mintedPhase(session);
    const [first, second] = of('/api/v1/auth/keys/code');
    expect(second!.init.body).toBe(first!.init.body);
  });

  it('shows the key even when the check of what was applied fails', async () => {
    const { session } = setup({ '/api/v1/auth/keys/code': [() => created()], '/api/v1/auth/keys': [() => minted()], '/api/v1/key': [() => json(500, {})] });
    session.mintWithKey(EXISTING, body, {}, await draftFor(VERIFIER, STATE));
    const phase = await mintedPhase(session);
    expect(phase.key.reveal()).toBe(KEY);
    expect(phase.check).toMatchObject({ kind: 'unchecked', message: expect.any(String) });
  });
});
