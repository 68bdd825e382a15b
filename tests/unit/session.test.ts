// The session's redirect sign-in, and what every mode shares: one live sign-in per tab, the
// exchange, Retry, reset and subscribers. Popup and paste: session-popup.test.ts; key: session-key.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, type Session } from '../../src/flow/session';
import { draftFor } from '../../src/flow/pkce';
import { FLOW_TTL_MS, PENDING_KEY, type PendingFlow } from '../../src/flow/pending';
import type { CallbackParams } from '../../src/flow/callback-url';
import type { CallbackSource } from '../../src/flow/callback';
import type { AuthKeysCodeRequestBody } from '../../src/wire/fields';
import { blankForm } from '../../src/wire/fields';
import { deriveRequest } from '../../src/wire/sign-in-modes';
import { hangingFetch } from './hanging-fetch';

const ORIGIN = 'https://openrouter.ai';
const APP = 'https://keymint.example';
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const VERIFIER_2 = 'v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2';
const STATE_2 = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-2';
const NOW = 1_900_000_000_000;
const BODY: Partial<AuthKeysCodeRequestBody> = { callbackUrl: `${APP}/`, keyLabel: 'k', codeChallengeMethod: 'S256' };
/** A redirect back into a top-level tab nobody else holds, with no referrer. */
const TOP: Omit<CallbackSource, 'via'> = { exposed: false, sender: 'openrouter' };

const ok = () => new Response(JSON.stringify({ key: KEY, user_id: 'user_9' }), { status: 200 });
const status = (code: number, message = 'nope') => new Response(JSON.stringify({ error: { code, message } }), { status: code });
const callback = (p: Partial<CallbackParams>): CallbackParams => ({ repeated: false, ...p });

/**
 * One browser tab: `open()` is a page load of Keymint in it, sharing the tab's sessionStorage and
 * its clock. `exchanges` records the exchanges only; the key check after a mint gets a fixed answer.
 */
function tab(respond: (init?: RequestInit) => Promise<Response> = async () => ok(), more: { timeoutMs?: number } = {}) {
  const clock = { now: NOW };
  const exchanges = vi.fn((_url: string, init?: RequestInit) => respond(init));
  const routed = (url: string, init?: RequestInit) =>
    url.endsWith('/api/v1/key') ? Promise.resolve(new Response('{"data":{"label":"k"}}', { status: 200 })) : exchanges(url, init);
  const open = () =>
    createSession({ origin: ORIGIN, appOrigin: APP, storage: sessionStorage, fetch: routed as typeof globalThis.fetch, now: () => clock.now, ...more });
  const sent = (call = 0) => JSON.parse(exchanges.mock.calls[call]![1]!.body as string) as Record<string, string>;
  return { open, exchanges, clock, sent };
}

/** Starts a redirect sign-in; returns the navigator, whose `open` records the /auth URL. */
async function startRedirect(session: Session, { state = STATE, verifier = VERIFIER, body = BODY } = {}) {
  const navigator = { open: vi.fn() };
  session.start({ mode: 'redirect', body, draft: await draftFor(verifier, state), navigator });
  return navigator;
}

const authUrl = (navigator: { open: ReturnType<typeof vi.fn> }) => new URL(navigator.open.mock.calls[0]![0] as string);
const stored = () => JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as PendingFlow | null;
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const minted = (session: Session) => vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'minted', check: { kind: 'checked' } }));

/** A promise and its resolver, for a fetch that answers when the test says. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('redirect sign-in', () => {
  beforeEach(() => sessionStorage.clear());

  it('stores the sign-in in the one slot and opens /auth with the S256 challenge and the state, never the verifier', async () => {
    const session = tab().open();
    const navigator = await startRedirect(session);
    expect(navigator.open).toHaveBeenCalledOnce();
    const url = authUrl(navigator);
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/auth`);
    expect(url.searchParams.get('callback_url')).toBe(`${APP}/`);
    expect(url.searchParams.get('code_challenge')).toBe(CHALLENGE);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.href).not.toContain(VERIFIER);
    expect(Object.keys(sessionStorage)).toEqual([PENDING_KEY]);
    expect(stored()).toEqual({ state: STATE, verifier: VERIFIER, method: 'S256', createdAt: NOW, requested: { keyLabel: 'k' } });
    // The page leaves: nothing to show meanwhile.
    expect(session.phase).toEqual({ kind: 'idle' });
  });

  it('sends the verifier itself as the challenge with plain, and remembers the method', async () => {
    const session = tab().open();
    const navigator = await startRedirect(session, { body: { ...BODY, codeChallengeMethod: 'plain' } });
    expect(authUrl(navigator).searchParams.get('code_challenge')).toBe(VERIFIER);
    expect(authUrl(navigator).searchParams.get('code_challenge_method')).toBe('plain');
    expect(stored()?.method).toBe('plain');
  });

  it('signs exactly the body deriveRequest made, and keeps its key settings to compare with the key', async () => {
    const values = { ...blankForm(`${APP}/back`), keyLabel: 'Docs', limit: '5', usageLimitType: 'weekly', workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f' };
    const { body } = deriveRequest('redirect', values, `${APP}/back`, new Date(NOW));
    const navigator = await startRedirect(tab().open(), { body });
    const url = authUrl(navigator);
    expect(url.searchParams.get('callback_url')).toBe(`${APP}/back`);
    expect(url.searchParams.get('limit')).toBe('5');
    expect(url.searchParams.get('usage_limit_type')).toBe('weekly');
    expect(stored()?.requested).toEqual({ keyLabel: 'Docs', limit: 5, usageLimitType: 'weekly', workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f' });
  });

  it('keeps an expiry set relative (7d) with the requested settings, and gives it back on return', async () => {
    const { open } = tab();
    const session = open();
    session.start({ mode: 'redirect', body: BODY, expiresIn: '7d', draft: await draftFor(VERIFIER, STATE), navigator: { open: vi.fn() } });
    expect(stored()?.requested.expiresIn).toBe('7d');
    expect(open().intake(callback({ error: 'access_denied', state: STATE }), TOP)).toMatchObject({ expiresIn: '7d' });
  });

  it('exchanges the callback with its state once on return, shows the key and forgets the verifier', async () => {
    const { open, exchanges, sent } = tab();
    await startRedirect(open());
    const back = open(); // the page loads again, at the callback
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    back.intake(callback({ code: 'the-code', state: STATE }), TOP); // e.g. a double mount
    expect(back.phase).toEqual({ kind: 'exchanging', step: undefined });
    expect(sessionStorage.length).toBe(0); // the verifier left storage when the code was taken
    await minted(back);
    expect(exchanges).toHaveBeenCalledOnce();
    expect(exchanges.mock.calls[0]![0]).toBe(`${ORIGIN}/api/v1/auth/keys`);
    expect(sent()).toEqual({ code: 'the-code', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    const phase = back.phase;
    if (phase.kind !== 'minted') throw new Error('not minted');
    expect(phase.key.reveal()).toBe(KEY);
    expect(JSON.stringify(phase)).not.toContain(KEY);
    expect(String(phase.key)).not.toContain(KEY);
    expect(phase.check).toMatchObject({ kind: 'checked', rows: expect.any(Array) });
  });

  it('exchanges a stateless callback in a tab without opener only when OpenRouter sent the tab back', async () => {
    const { open, exchanges, sent } = tab();
    await startRedirect(open());
    const unnamed = open();
    unnamed.intake(callback({ code: 'the-code' }), { exposed: false, sender: 'unknown' });
    expect(unnamed.phase).toEqual({ kind: 'ignored', reason: 'unproven' });
    expect(exchanges).not.toHaveBeenCalled();
    open().intake(callback({ code: 'the-code' }), { exposed: false, sender: 'openrouter' });
    expect(exchanges).toHaveBeenCalledOnce();
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it.each([
    ['framed or opened by another page', { exposed: true, sender: 'unknown' as const }],
    ['sent here by another site', { exposed: false, sender: 'other' as const }],
  ])('ignores a stateless callback in a tab %s, and keeps the sign-in waiting', async (_, source) => {
    const { open, exchanges, sent } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ code: 'planted' }), source);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unproven' });
    expect(exchanges).not.toHaveBeenCalled();
    expect(stored()?.state).toBe(STATE);
    // OpenRouter's own answer, with the state, still works.
    open().intake(callback({ code: 'the-code', state: STATE }), source);
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it('ignores a callback with another state, and leaves the pending sign-in in storage', async () => {
    const { open, exchanges, sent } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ code: 'foreign', state: STATE_2 }), TOP);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(exchanges).not.toHaveBeenCalled();
    expect(stored()).toMatchObject({ state: STATE, verifier: VERIFIER });
    open().intake(callback({ code: 'the-code', state: STATE }), TOP);
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it('ignores any callback when no sign-in waits, with or without state', async () => {
    const { open, exchanges } = tab();
    for (const params of [callback({ code: 'forged', state: STATE }), callback({ code: 'forged' }), callback({ error: 'access_denied', state: STATE })]) {
      const session = open();
      session.intake(params, TOP);
      expect(session.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    }
    await settled();
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('ignores a malformed callback and keeps the sign-in', async () => {
    const { open, exchanges } = tab();
    await startRedirect(open());
    for (const params of [callback({ code: 'c', state: STATE, repeated: true }), callback({ code: 'a b', state: STATE }), callback({ state: STATE })]) {
      const back = open();
      back.intake(params, TOP);
      expect(back.phase).toEqual({ kind: 'ignored', reason: 'malformed' });
    }
    expect(exchanges).not.toHaveBeenCalled();
    expect(stored()?.state).toBe(STATE);
  });

  it('drops a sign-in 10 minutes old, and ignores its callback', async () => {
    const { open, exchanges, clock } = tab();
    await startRedirect(open());
    clock.now += FLOW_TTL_MS;
    const back = open();
    back.intake(callback({ code: 'late', state: STATE }), TOP);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(sessionStorage.length).toBe(0);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('takes up the waiting sign-in on a load without callback, changing nothing', async () => {
    const { open, exchanges } = tab();
    await startRedirect(open());
    const back = open();
    const listener = vi.fn();
    back.subscribe(listener);
    back.intake(null, TOP);
    expect(back.phase).toEqual({ kind: 'idle' });
    expect(listener).not.toHaveBeenCalled();
    expect(stored()?.state).toBe(STATE);
    // That load now knows the sign-in: a callback it is handed later (a reload of it) matches.
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('ends the sign-in on a denial with its state, showing the redacted reason', async () => {
    const { open, exchanges } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ error: 'access_denied', errorDescription: `Denied\nfor sk-or-v1-${'cd'.repeat(32)}`, state: STATE }), TOP);
    expect(back.phase).toEqual({ kind: 'denied', error: 'access_denied', description: 'Denied for [redacted]' });
    expect(sessionStorage.length).toBe(0);
    // The code that might follow is for a sign-in that is over.
    const later = open();
    later.intake(callback({ code: 'late', state: STATE }), TOP);
    expect(later.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('does not end the sign-in for a denial with another state, nor show its text', async () => {
    const { open, sent } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ error: 'access_denied', errorDescription: 'Go to evil.example', state: STATE_2 }), TOP);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(JSON.stringify(back.phase)).not.toContain('evil');
    expect(stored()?.state).toBe(STATE);
    open().intake(callback({ code: 'the-code', state: STATE }), TOP);
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it('ends the sign-in on a stateless denial only where a stateless code would count', async () => {
    const { open } = tab();
    await startRedirect(open());
    const exposed = open();
    exposed.intake(callback({ error: 'access_denied' }), { exposed: true, sender: 'unknown' });
    expect(exposed.phase).toEqual({ kind: 'ignored', reason: 'unproven' });
    expect(stored()?.state).toBe(STATE);
    const top = open();
    top.intake(callback({ error: 'access_denied' }), TOP);
    expect(top.phase).toEqual({ kind: 'denied', error: 'access_denied' });
    expect(sessionStorage.length).toBe(0);
  });
});

describe('starting again', () => {
  beforeEach(() => sessionStorage.clear());

  it('replaces the waiting sign-in: the earlier state is then unmatched and nothing is sent', async () => {
    const { open, exchanges, sent } = tab();
    const session = open();
    const first = await startRedirect(session);
    const second = await startRedirect(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(first.open).toHaveBeenCalledOnce();
    expect(second.open).toHaveBeenCalledOnce();
    expect(authUrl(second).searchParams.get('state')).toBe(STATE_2);
    expect(Object.keys(sessionStorage)).toEqual([PENDING_KEY]);
    expect(stored()).toMatchObject({ state: STATE_2, verifier: VERIFIER_2 });

    const back = open();
    back.intake(callback({ code: 'old-code', state: STATE }), TOP);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(exchanges).not.toHaveBeenCalled();
    expect(stored()?.state).toBe(STATE_2);
    open().intake(callback({ code: 'new-code', state: STATE_2 }), TOP);
    expect(sent()).toEqual({ code: 'new-code', code_verifier: VERIFIER_2, code_challenge_method: 'S256' });
  });

  it('after Back (the page loads again), a new sign-in works with its state', async () => {
    const { open, exchanges, sent, clock } = tab();
    await startRedirect(open());
    // Back from OpenRouter's page: Keymint loads without a callback.
    clock.now += 60_000;
    const again = open();
    again.intake(null, TOP);
    await startRedirect(again, { state: STATE_2, verifier: VERIFIER_2 });
    expect(stored()).toMatchObject({ state: STATE_2, verifier: VERIFIER_2, createdAt: NOW + 60_000 });
    open().intake(callback({ code: 'old-code', state: STATE }), TOP);
    expect(exchanges).not.toHaveBeenCalled();
    open().intake(callback({ code: 'new-code', state: STATE_2 }), TOP);
    expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
  });

  it('after Back, a new sign-in works without state too, with its own verifier', async () => {
    const { open, sent } = tab();
    await startRedirect(open());
    const again = open();
    again.intake(null, TOP);
    await startRedirect(again, { state: STATE_2, verifier: VERIFIER_2 });
    open().intake(callback({ code: 'new-code' }), TOP);
    expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
  });

  it('after Back through the back/forward cache (the same page), a new sign-in works with and without state', async () => {
    for (const state of [STATE_2, undefined]) {
      sessionStorage.clear();
      const { open, sent } = tab();
      const session = open();
      await startRedirect(session);
      await startRedirect(session, { state: STATE_2, verifier: VERIFIER_2 });
      open().intake(callback({ code: 'new-code', state }), TOP);
      expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
    }
  });

  it('after a denial or an ignored answer, a new sign-in starts afresh', async () => {
    const { open, sent } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ error: 'access_denied', state: STATE }), TOP);
    await startRedirect(back, { state: STATE_2, verifier: VERIFIER_2 });
    expect(stored()?.state).toBe(STATE_2);
    const ignored = open();
    ignored.intake(callback({ code: 'x', state: STATE }), TOP);
    expect(ignored.phase).toMatchObject({ kind: 'ignored' });
    open().intake(callback({ code: 'new-code', state: STATE_2 }), TOP);
    expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
  });

  it('starts nothing while an exchange runs', async () => {
    const answer = deferred<Response>();
    const { open, exchanges } = tab(() => answer.promise);
    await startRedirect(open());
    const back = open();
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    expect(back.phase.kind).toBe('exchanging');
    const navigator = await startRedirect(back, { state: STATE_2, verifier: VERIFIER_2 });
    expect(navigator.open).not.toHaveBeenCalled();
    expect(sessionStorage.length).toBe(0);
    expect(back.phase.kind).toBe('exchanging');
    answer.resolve(ok());
    await minted(back);
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('starts nothing while a key is on screen, until it is forgotten', async () => {
    const { open } = tab();
    await startRedirect(open());
    const back = open();
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    await minted(back);
    const shown = back.phase;
    const blocked = await startRedirect(back, { state: STATE_2, verifier: VERIFIER_2 });
    expect(blocked.open).not.toHaveBeenCalled();
    expect(sessionStorage.length).toBe(0);
    expect(back.phase).toBe(shown);
    back.reset();
    const allowed = await startRedirect(back, { state: STATE_2, verifier: VERIFIER_2 });
    expect(allowed.open).toHaveBeenCalledOnce();
    expect(stored()?.state).toBe(STATE_2);
  });

  it('Cancel (reset) ends the waiting sign-in: its callback is then unmatched', async () => {
    const { open, exchanges } = tab();
    const session = open();
    await startRedirect(session);
    session.reset();
    expect(session.phase).toEqual({ kind: 'idle' });
    expect(sessionStorage.length).toBe(0);
    const back = open();
    back.intake(callback({ code: 'c', state: STATE }), TOP);
    expect(back.phase).toEqual({ kind: 'ignored', reason: 'unmatched' });
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('a blocked popup ends the waiting sign-in all the same', async () => {
    const { open } = tab();
    const session = open();
    await startRedirect(session);
    session.popupBlocked('browser');
    expect(session.phase).toEqual({ kind: 'blocked', cause: 'browser' });
    expect(sessionStorage.length).toBe(0);
  });
});

describe('exchange, Retry and failures', () => {
  it('checks the key’s settings again on Retry after that check failed, the key shown throughout', async () => {
    const { open } = tab();
    await startRedirect(open());
    const lookups = [new Response('{}', { status: 500 }), new Response('{"data":{"label":"k"}}', { status: 200 })];
    const routed = (url: string) => Promise.resolve(url.endsWith('/api/v1/key') ? lookups.shift()! : ok());
    const back = createSession({ origin: ORIGIN, appOrigin: APP, storage: sessionStorage, fetch: routed as typeof globalThis.fetch, now: () => NOW });
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    await vi.waitFor(() => expect(back.phase).toMatchObject({ kind: 'minted', check: { kind: 'unchecked' } }));
    const links = back.phase.kind === 'minted' && back.phase.links;
    expect(links).toBeTruthy();
    back.retry();
    // Checking again keeps the key's own links on screen.
    expect(back.phase).toMatchObject({ kind: 'minted', check: { kind: 'checking' }, links });
    await vi.waitFor(() => expect(back.phase).toMatchObject({ kind: 'minted', check: { kind: 'checked' } }));
    if (back.phase.kind === 'minted') expect(back.phase.key.reveal()).toBe(KEY);
    expect(lookups).toHaveLength(0);
    // A check that succeeded is not run again.
    back.retry();
    expect(back.phase).toMatchObject({ kind: 'minted', check: { kind: 'checked' } });
  });

  beforeEach(() => sessionStorage.clear());

  /** A redirect sign-in that came back with its code, on a fresh page load. */
  async function returned(respond: (init?: RequestInit) => Promise<Response>, more: { timeoutMs?: number } = {}) {
    const t = tab(respond, more);
    await startRedirect(t.open());
    const session = t.open();
    session.intake(callback({ code: 'the-code', state: STATE }), TOP);
    return { ...t, session };
  }

  it('keeps code and verifier in memory only after a retryable failure, and sends the same again on Retry', async () => {
    const responses = [new Response('', { status: 503 }), ok()];
    const { session, exchanges } = await returned(async () => responses.shift()!);
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true, status: 503 } });
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
    expect(sessionStorage.length).toBe(0); // the verifier left storage when the code was taken
    session.retry();
    expect(session.phase.kind).toBe('exchanging');
    await minted(session);
    expect(exchanges).toHaveBeenCalledTimes(2);
    expect(exchanges.mock.calls[1]![1]!.body).toBe(exchanges.mock.calls[0]![1]!.body);
    expect(JSON.parse(exchanges.mock.calls[1]![1]!.body as string)).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it('drops the request after a definitive failure, and Retry then does nothing', async () => {
    const { session, exchanges } = await returned(async () => status(403, 'Invalid code or code_verifier'));
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403, retryable: false } });
    // Nothing was unanswered: the code was simply refused.
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
    session.retry();
    await settled();
    expect(exchanges).toHaveBeenCalledOnce();
    expect(session.phase.kind).toBe('failed');
  });

  it('says a key may exist when a Retry after a lost answer finds the code spent', async () => {
    const responses = [() => Promise.reject(new TypeError('Failed to fetch')), async () => status(403, 'Invalid code')];
    const { session, exchanges } = await returned(() => responses.shift()!());
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    expect(session.phase).not.toHaveProperty('failure.status');
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
    session.retry();
    await vi.waitFor(() => expect(exchanges).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
  });

  it('says a key may exist when a Retry after a timeout finds the code spent', async () => {
    const hanging = hangingFetch();
    let tries = 0;
    const { session } = await returned((init) => (++tries === 1 ? hanging.fetch('', init) : Promise.resolve(status(403, 'Invalid code'))), { timeoutMs: 20 });
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(hanging.aborted()).toBe(true);
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
  });

  it('remembers a lost answer across further retries: network, then 503, then a spent code', async () => {
    const responses = [() => Promise.reject(new TypeError('Failed to fetch')), async () => new Response('', { status: 503 }), async () => status(403)];
    const { session, exchanges } = await returned(() => responses.shift()!());
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 503 } }));
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
    session.retry();
    await vi.waitFor(() => expect(exchanges).toHaveBeenCalledTimes(3));
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
  });

  it.each([502, 503, 504, 408])('says a key may exist when a Retry after a %i (OpenRouter did not finish) finds the code spent', async (first) => {
    const responses = [async () => new Response('', { status: first }), async () => status(403)];
    const { session } = await returned(() => responses.shift()!());
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
  });

  it('says a key may exist when a Retry after a 200 without the key finds the code spent', async () => {
    const responses = [async () => new Response('<html>', { status: 200 }), async () => status(403)];
    const { session } = await returned(() => responses.shift()!());
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 }, maybeMinted: true }));
  });

  it('does not say a key may exist when every earlier try was turned away unprocessed (429)', async () => {
    const responses = [async () => new Response('', { status: 429 }), async () => status(403)];
    const { session } = await returned(() => responses.shift()!());
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    session.retry();
    await vi.waitFor(() => expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403 } }));
    expect(session.phase).not.toHaveProperty('maybeMinted', true);
  });

  it('Retry does nothing unless a retryable failure is shown', async () => {
    const { open, exchanges } = tab();
    const session = open();
    session.retry();
    await startRedirect(session);
    session.retry();
    await settled();
    expect(exchanges).not.toHaveBeenCalled();
    expect(session.phase).toEqual({ kind: 'idle' });
  });

  it('a new sign-in instead of Retry drops the kept request', async () => {
    const { session, exchanges } = await returned(() => Promise.reject(new TypeError('Failed to fetch')));
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    await startRedirect(session, { state: STATE_2, verifier: VERIFIER_2 });
    session.retry();
    await settled();
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('Forget after a failure drops the kept request', async () => {
    const { session, exchanges } = await returned(() => Promise.reject(new TypeError('Failed to fetch')));
    await vi.waitFor(() => expect(session.phase.kind).toBe('failed'));
    session.reset();
    session.retry();
    await settled();
    expect(exchanges).toHaveBeenCalledOnce();
    expect(session.phase).toEqual({ kind: 'idle' });
  });

  it('ignores an answer that arrives after a reset', async () => {
    const answer = deferred<Response>();
    const { session } = await returned(() => answer.promise);
    session.reset();
    answer.resolve(ok());
    await settled();
    await settled();
    expect(session.phase).toEqual({ kind: 'idle' });
    expect(sessionStorage.length).toBe(0);
  });

  it('gives back what a stored sign-in asked for, whatever its answer, for the form to show again', async () => {
    const { open } = tab();
    await startRedirect(open(), { body: { ...BODY, limit: 5, codeChallengeMethod: 'plain' } });
    const back = open();
    expect(back.intake(callback({ error: 'access_denied', state: STATE }), TOP)).toEqual({ keyLabel: 'k', limit: 5, codeChallengeMethod: 'plain' });
    expect(back.phase.kind).toBe('denied');
    // Nothing stored, nothing to give.
    expect(open().intake(null, TOP)).toBeUndefined();
  });

  it('shows the key even when the check of what was applied fails', async () => {
    const { open } = tab();
    await startRedirect(open());
    const routed = (url: string) => Promise.resolve(url.endsWith('/api/v1/key') ? new Response('{}', { status: 500 }) : ok());
    const back = createSession({ origin: ORIGIN, appOrigin: APP, storage: sessionStorage, fetch: routed as typeof globalThis.fetch, now: () => NOW });
    back.intake(callback({ code: 'the-code', state: STATE }), TOP);
    await vi.waitFor(() => expect(back.phase).toMatchObject({ kind: 'minted', check: { kind: 'unchecked' } }));
    if (back.phase.kind === 'minted') expect(back.phase.key.reveal()).toBe(KEY);
  });
});

describe('subscribers', () => {
  beforeEach(() => sessionStorage.clear());

  it('hear about every change until they unsubscribe', async () => {
    const { open } = tab();
    await startRedirect(open());
    const session = open();
    const seen: string[] = [];
    const unsubscribe = session.subscribe(() => seen.push(session.phase.kind));
    const other = vi.fn();
    session.subscribe(other);
    session.intake(callback({ code: 'the-code', state: STATE }), TOP);
    await minted(session);
    session.reset();
    // The second 'minted' is the key check arriving.
    expect(seen).toEqual(['exchanging', 'minted', 'minted', 'idle']);
    unsubscribe();
    session.popupBlocked('browser');
    expect(seen).toHaveLength(4);
    expect(other).toHaveBeenCalledTimes(5);
  });
});
