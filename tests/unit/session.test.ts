import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession } from '../../src/flow/session';
import { draftFor } from '../../src/flow/pkce';

const ORIGIN = 'https://openrouter.ai';
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const NOW = 1_900_000_000_000;
const ok = () => new Response(JSON.stringify({ key: KEY, user_id: 'user_9' }), { status: 200 });

/** `fetch` records exchanges only; the key check after a mint gets a fixed answer. */
function setup(fetch: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetchSpy = vi.fn(fetch);
  const routed = (url: string, init?: RequestInit) =>
    url.endsWith('/api/v1/key') ? Promise.resolve(new Response('{"data":{"label":"k"}}', { status: 200 })) : fetchSpy(url, init);
  const session = createSession({ origin: ORIGIN, appOrigin: 'https://keymint.example', storage: sessionStorage, fetch: routed as typeof globalThis.fetch, now: () => NOW });
  return { session, fetch: fetchSpy };
}

async function authorized(session: ReturnType<typeof createSession>, method: 'S256' | 'plain' = 'S256') {
  const draft = await draftFor(VERIFIER, STATE);
  return session.authorize({ callbackUrl: 'https://keymint.example/', keyLabel: 'k', codeChallengeMethod: method }, draft);
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('session', () => {
  beforeEach(() => sessionStorage.clear());

  it('stores the pending flow under its state and returns the /auth URL with the S256 challenge', async () => {
    const { session } = setup(async () => ok());
    const url = new URL(await authorized(session));
    expect(url.searchParams.get('code_challenge')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.href).not.toContain(VERIFIER);
    expect(JSON.parse(sessionStorage.getItem(`keymint.flow.${STATE}`)!)).toEqual({ verifier: VERIFIER, method: 'S256', createdAt: NOW, requested: { keyLabel: 'k' } });
  });

  it('sends the verifier itself as the challenge with plain', async () => {
    const { session } = setup(async () => ok());
    expect(new URL(await authorized(session, 'plain')).searchParams.get('code_challenge')).toBe(VERIFIER);
  });

  it('exchanges a matching callback once, shows the key and forgets the verifier', async () => {
    const { session, fetch } = setup(async () => ok());
    await authorized(session);
    session.intake({ code: 'the-code', state: STATE, repeated: false });
    session.intake({ code: 'the-code', state: STATE, repeated: false }); // e.g. a double mount
    expect(session.phase.kind).toBe('exchanging');
    await settled();
    expect(fetch).toHaveBeenCalledOnce();
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body as string)).toEqual({ code: 'the-code', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    const phase = session.phase;
    expect(phase.kind).toBe('minted');
    if (phase.kind !== 'minted') return;
    expect(phase.key.reveal()).toBe(KEY);
    expect(JSON.stringify(phase)).not.toContain(KEY);
    expect(String(phase.key)).not.toContain(KEY);
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps code and verifier in memory only after a retryable failure and sends the same again on Retry', async () => {
    const responses = [new Response('', { status: 503 }), ok()];
    const { session, fetch } = setup(async () => responses.shift()!);
    await authorized(session);
    session.intake({ code: 'the-code', state: STATE, repeated: false });
    await settled();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true, status: 503 } });
    expect(sessionStorage.length).toBe(0); // the flow left storage when its code was taken
    session.retry();
    await settled();
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]![1]!.body).toBe(fetch.mock.calls[0]![1]!.body);
    expect(session.phase.kind).toBe('minted');
  });

  it('drops the flow after a definitive failure, and Retry then does nothing', async () => {
    const { session, fetch } = setup(async () => new Response(JSON.stringify({ error: { code: 403, message: 'Invalid code or code_verifier' } }), { status: 403 }));
    await authorized(session);
    session.intake({ code: 'the-code', state: STATE, repeated: false });
    await settled();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403, retryable: false, message: expect.stringContaining('used or from another sign-in') } });
    expect(sessionStorage.length).toBe(0);
    session.retry();
    await settled();
    expect(fetch).toHaveBeenCalledOnce();
  });

  it('makes no request for a refused or denied callback', async () => {
    const { session, fetch } = setup(async () => ok());
    session.intake({ code: 'forged', state: STATE, repeated: false });
    // Shown so it can be pasted into the Keymint that may be waiting elsewhere; never exchanged here.
    expect(session.phase).toEqual({ kind: 'refused', reason: 'no-pending', code: 'forged' });
    await authorized(session);
    session.intake({ error: 'access_denied', state: STATE, repeated: false });
    expect(session.phase).toEqual({ kind: 'denied', error: 'access_denied' });
    expect(sessionStorage.length).toBe(0);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('ends the flow a denial names, or every waiting flow when it names none, and none for a malformed callback', async () => {
    const { session } = setup(async () => ok());
    const other = 'other-other-other-other-other-other-other-1';
    await authorized(session);
    session.authorize({ callbackUrl: 'https://keymint.example/' }, await draftFor(VERIFIER, other));
    session.intake({ code: 'a b', state: STATE, repeated: false });
    expect(session.phase).toEqual({ kind: 'refused', reason: 'malformed' });
    expect(sessionStorage.length).toBe(2);
    session.intake({ error: 'access_denied', state: STATE, repeated: false });
    expect(Object.keys(sessionStorage)).toEqual([`keymint.flow.${other}`]);
    await authorized(session);
    session.intake({ error: 'server_error', code: 'c', repeated: false });
    expect(session.phase).toEqual({ kind: 'denied', error: 'server_error' });
    expect(sessionStorage.length).toBe(0);
  });

  it('ignores an answer that arrives after the person started again', async () => {
    let answer: (r: Response) => void = () => {};
    const { session } = setup(() => new Promise((resolve) => (answer = resolve)));
    await authorized(session);
    session.intake({ code: 'the-code', state: STATE, repeated: false });
    session.reset();
    answer(ok());
    await settled();
    expect(session.phase).toEqual({ kind: 'idle' });
    expect(sessionStorage.length).toBe(0);
  });

  it('tells subscribers about every change', async () => {
    const { session } = setup(async () => ok());
    const seen: string[] = [];
    session.subscribe(() => seen.push(session.phase.kind));
    await authorized(session);
    session.intake({ code: 'the-code', state: STATE, repeated: false });
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'minted', check: { kind: 'checked' } }));
    session.reset();
    // The second 'minted' is the key check arriving.
    expect(seen).toEqual(['exchanging', 'minted', 'minted', 'idle']);
  });
});
