// The session's key mode: a code created with a key the person has, exchanged at once with the
// verifier in memory.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, type Minted, type Session } from '../../src/flow/session';
import type { PopupWindow } from '../../src/flow/navigators';
import { PENDING_KEY } from '../../src/flow/pending';
import { draftFor } from '../../src/flow/pkce';
import { CALLBACK_MESSAGE } from '../../src/flow/popup';
import type { Attribution } from '../../src/wire/create-code';
import { blankForm } from '../../src/wire/fields';
import { deriveRequest } from '../../src/wire/sign-in-modes';

const ORIGIN = 'https://openrouter.ai';
const APP = 'https://keymint.example';
const EXISTING = `sk-or-v1-${'12'.repeat(32)}`;
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const STATE_2 = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-2';
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
  const session = createSession({ origin: ORIGIN, appOrigin: APP, storage: sessionStorage, fetch: fetch as unknown as typeof globalThis.fetch });
  return { session, calls, of: (path: string) => calls.filter((c) => c.path === path) };
}

const body = deriveRequest(
  'key',
  { ...blankForm(`${APP}/`), keyLabel: 'ci', limit: '5', usageLimitType: 'monthly' },
  'https://somewhere.example/not-this-page',
  new Date('2026-01-01T00:00:00Z'),
).body;
const attribution: Attribution = { httpReferer: 'https://app.example/', appTitle: 'My App', appCategories: 'cli-agent' };
const created = (id = 'code-from-key') => json(200, { data: { id, app_id: 1, created_at: '2026-11-22T00:00:00Z' } });
const minted = () => json(200, { key: KEY, user_id: 'u' });
const info = (data: Record<string, unknown>) => () => json(200, { data });
const CREATE = '/api/v1/auth/keys/code';
const EXCHANGE = '/api/v1/auth/keys';
const INFO = '/api/v1/key';

async function startKey(session: Session, { state = STATE, existingKey = EXISTING, attribution: given = attribution } = {}) {
  session.start({ mode: 'key', body, draft: await draftFor(VERIFIER, state), existingKey, attribution: given });
}

const mintedPhase = async (session: Session) => {
  await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'minted', check: { kind: expect.stringMatching(/^(checked|unchecked)$/) } }));
  return session.phase as Minted;
};

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('minting with an existing key', () => {
  beforeEach(() => sessionStorage.clear());

  it('creates the code with the key as Bearer, exchanges it with the in-memory verifier, and checks what was applied', async () => {
    const { session, of } = setup({
      [CREATE]: [() => created()],
      [EXCHANGE]: [() => minted()],
      [INFO]: [info({ label: 'ci', limit: null, limit_remaining: null, limit_reset: 'monthly', include_byok_in_limit: false, expires_at: null })],
    });
    await startKey(session);
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });
    const phase = await mintedPhase(session);

    const [create] = of(CREATE);
    const headers = create!.init.headers as Record<string, string>;
    expect(headers).toMatchObject({
      Authorization: `Bearer ${EXISTING}`,
      'HTTP-Referer': 'https://app.example/',
      'X-OpenRouter-Title': 'My App',
      'X-OpenRouter-Categories': 'cli-agent',
    });
    // The form's callback, not the page's.
    expect(JSON.parse(create!.init.body as string)).toEqual({
      callback_url: `${APP}/`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      key_label: 'ci',
      limit: 5,
      usage_limit_type: 'monthly',
    });
    const [exchange] = of(EXCHANGE);
    expect(JSON.parse(exchange!.init.body as string)).toEqual({ code: 'code-from-key', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    expect(exchange!.init.headers).not.toHaveProperty('Authorization');
    const [lookup] = of(INFO);
    expect((lookup!.init.headers as Record<string, string>).Authorization).toBe(`Bearer ${KEY}`);

    expect(phase.key.reveal()).toBe(KEY);
    expect(phase.check.kind).toBe('checked');
    if (phase.check.kind !== 'checked') return;
    const limit = phase.check.rows.find((row) => row.setting === 'limit')!;
    expect(limit.verdict).toBe('differs'); // asked for $5, the key has no limit
    expect(phase.check.rows.find((row) => row.setting === 'limitReset')!.verdict).toBe('same');
    expect(phase.links?.settings).toMatch(new RegExp(`^${ORIGIN}/keys/[0-9a-f]{64}$`));
    expect(phase.links?.activity).toMatch(new RegExp(`^${ORIGIN}/logs\\?api_key_hash=[0-9a-f]{64}$`));
    expect(JSON.stringify(session.phase)).not.toContain(KEY);
    expect(JSON.stringify(session.phase)).not.toContain(EXISTING);
    // Nothing of it was ever stored.
    expect(sessionStorage.length).toBe(0);
  });

  it('signs with plain when the form asks for it: the key mode keeps the form’s method', async () => {
    const { session, of } = setup({ [CREATE]: [() => created()], [EXCHANGE]: [() => minted()], [INFO]: [info({})] });
    const plain = deriveRequest('key', { ...blankForm(`${APP}/`), codeChallengeMethod: 'plain' }, APP, new Date()).body;
    session.start({ mode: 'key', body: plain, draft: await draftFor(VERIFIER, STATE), existingKey: EXISTING, attribution: {} });
    await mintedPhase(session);
    expect(JSON.parse(of(CREATE)[0]!.init.body as string)).toMatchObject({ code_challenge: VERIFIER, code_challenge_method: 'plain' });
    expect(JSON.parse(of(EXCHANGE)[0]!.init.body as string)).toMatchObject({ code_verifier: VERIFIER, code_challenge_method: 'plain' });
  });

  it('reports a refused key without exchanging, and keeps no secret in the phase', async () => {
    const { session, of } = setup({ [CREATE]: [() => json(401, { error: { code: 401, message: `User not found for ${EXISTING}` } })] });
    await startKey(session, { attribution: {} });
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).toMatchObject({ kind: 'failed', step: 'code', failure: { status: 401, retryable: false } });
    expect(JSON.stringify(session.phase)).not.toContain(EXISTING);
    expect(JSON.stringify(session.phase)).not.toContain(VERIFIER);
    expect(of(EXCHANGE)).toHaveLength(0);
    session.retry();
    expect(of(CREATE)).toHaveLength(1);
  });

  it('sends the create-code request again on Retry after a network failure', async () => {
    const { session, of } = setup({
      [CREATE]: [() => Promise.reject(new TypeError('Failed to fetch')), () => created()],
      [EXCHANGE]: [() => minted()],
      [INFO]: [info({})],
    });
    await startKey(session, { attribution: {} });
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', step: 'code', failure: { retryable: true } }));
    session.retry();
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });
    await mintedPhase(session);
    const [first, second] = of(CREATE);
    expect(second!.init.body).toBe(first!.init.body);
    expect(of(EXCHANGE)).toHaveLength(1);
  });

  it('does not say a key may exist when only the create-code request went unanswered', async () => {
    const { session } = setup({
      [CREATE]: [() => Promise.reject(new TypeError('Failed to fetch')), () => created()],
      [EXCHANGE]: [() => json(403, { error: { code: 403, message: 'Invalid code' } })],
    });
    await startKey(session);
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 } }));
    expect(session.phase).not.toHaveProperty('step', 'code');
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
  });

  it('says a key may exist when a Retry of the exchange after a lost answer finds the code spent', async () => {
    const { session, of } = setup({
      [CREATE]: [() => created()],
      [EXCHANGE]: [() => Promise.reject(new TypeError('Failed to fetch')), () => json(403, { error: { code: 403, message: 'Invalid code' } })],
    });
    await startKey(session);
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } }));
    expect(session.phase).not.toHaveProperty('step', 'code');
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
    // The code was created once and exchanged twice, the same way.
    expect(of(CREATE)).toHaveLength(1);
    expect(of(EXCHANGE)[1]!.init.body).toBe(of(EXCHANGE)[0]!.init.body);
  });

  it('shows the key even when the check of what was applied fails', async () => {
    const { session } = setup({ [CREATE]: [() => created()], [EXCHANGE]: [() => minted()], [INFO]: [() => json(500, {})] });
    await startKey(session, { attribution: {} });
    const phase = await mintedPhase(session);
    expect(phase.key.reveal()).toBe(KEY);
    expect(phase.check.kind).toBe('unchecked');
  });

  it('exchanges nothing when Cancel comes while the code is being created', async () => {
    let answer: (response: Response) => void = () => {};
    const { session, of } = setup({ [CREATE]: [() => new Promise<Response>((resolve) => (answer = resolve))], [EXCHANGE]: [() => minted()] });
    await startKey(session);
    await vi.waitFor(() => expect(of(CREATE)).toHaveLength(1));
    session.reset();
    answer(created());
    await settled();
    await settled();
    expect(of(EXCHANGE)).toHaveLength(0);
    expect(session.phase).toEqual({ kind: 'idle' });
  });

  it('ends the sign-in before it: the popup window closes and the storage slot empties', async () => {
    const { session } = setup({ [CREATE]: [() => new Promise<Response>(() => {})] });
    const close = vi.fn();
    const popup: PopupWindow = { closed: false, location: { replace: vi.fn() }, close };
    session.start({ mode: 'popup', body, draft: await draftFor(VERIFIER, STATE_2), navigator: { window: popup, open: vi.fn() } });
    expect(session.phase.kind).toBe('waiting');
    await startKey(session);
    expect(close).toHaveBeenCalled();
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });
    // The earlier window's answer now belongs to nothing.
    session.message({
      origin: APP,
      source: popup as unknown as MessageEventSource,
      data: { type: CALLBACK_MESSAGE, sender: 'openrouter', code: 'c', state: STATE_2 },
    });
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });

    const other = setup({ [CREATE]: [() => new Promise<Response>(() => {})] }).session;
    other.start({ mode: 'redirect', body, draft: await draftFor(VERIFIER, STATE_2), navigator: { open: vi.fn() } });
    expect(sessionStorage.getItem(PENDING_KEY)).not.toBeNull();
    await startKey(other);
    expect(sessionStorage.length).toBe(0);
  });

  it('starts nothing while its request is out, nor while its key is on screen', async () => {
    let answer: (response: Response) => void = () => {};
    const { session, of } = setup({
      [CREATE]: [() => new Promise<Response>((resolve) => (answer = resolve)), () => created('second')],
      [EXCHANGE]: [() => minted()],
      [INFO]: [info({})],
    });
    await startKey(session);
    await vi.waitFor(() => expect(of(CREATE)).toHaveLength(1));
    await startKey(session, { state: STATE_2 });
    const navigator = { open: vi.fn() };
    session.start({ mode: 'paste', body, draft: await draftFor(VERIFIER, STATE_2), navigator });
    expect(navigator.open).not.toHaveBeenCalled();
    expect(of(CREATE)).toHaveLength(1);
    answer(created());
    await mintedPhase(session);
    await startKey(session, { state: STATE_2 });
    expect(of(CREATE)).toHaveLength(1);
    expect(session.phase.kind).toBe('minted');
    // Forget, then a new mint may start.
    session.reset();
    await startKey(session, { state: STATE_2 });
    expect(of(CREATE)).toHaveLength(2);
  });

  it('takes no pasted code and no message: its code comes from the API', async () => {
    const { session, of } = setup({ [CREATE]: [() => new Promise<Response>(() => {})] });
    await startKey(session);
    session.paste('the-code');
    session.message({ origin: APP, source: null, data: { type: CALLBACK_MESSAGE, sender: 'openrouter', code: 'c', state: STATE } });
    session.intake({ code: 'c', state: STATE, repeated: false }, { exposed: false, sender: 'unknown' });
    expect(session.phase).toEqual({ kind: 'exchanging', step: 'code' });
    await settled();
    expect(of(EXCHANGE)).toHaveLength(0);
  });
});
