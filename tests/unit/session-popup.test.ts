// The session's popup and paste sign-ins: the verifier in memory only, the sign-in window's message,
// the pasted code, and what starting any sign-in does to the one before.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, POPUP_GRACE_MS, POPUP_POLL_MS, type Session } from '../../src/flow/session';
import type { PopupWindow } from '../../src/flow/navigators';
import { draftFor } from '../../src/flow/pkce';
import { FLOW_TTL_MS, PENDING_KEY } from '../../src/flow/pending';
import { CALLBACK_MESSAGE } from '../../src/flow/popup';
import type { Sender } from '../../src/flow/callback';
import { blankForm } from '../../src/wire/fields';
import { deriveRequest } from '../../src/wire/sign-in-modes';

const ORIGIN = 'https://openrouter.ai';
const APP = 'https://keymint.example';
const PAGE = `${APP}/`;
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const VERIFIER_2 = 'v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2-v2';
const STATE_2 = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-2';
const START = new Date('2026-06-01T12:00:00Z');
const ok = () => new Response(JSON.stringify({ key: KEY }), { status: 200 });

class FakePopup implements PopupWindow {
  closed = false;
  opened: string[] = [];
  close = vi.fn(() => {
    this.closed = true;
  });
  location = { replace: (url: string) => void this.opened.push(url) };
}

/** The form as a person filled it in: their callback and plain, which the popup and paste modes override where they must. */
const FORM = { ...blankForm('https://app.example/cb'), keyLabel: 'k', limit: '5', codeChallengeMethod: 'plain' };
const bodyFor = (mode: 'redirect' | 'popup' | 'paste', form = FORM) => deriveRequest(mode, form, PAGE, START).body;

/** `exchanges` records the exchanges only; the key check after a mint gets a fixed answer. */
function setup(respond: () => Promise<Response> = async () => ok(), options: { now?: () => number } = {}) {
  const exchanges = vi.fn((_url: string, _init?: RequestInit) => respond());
  const routed = (url: string, init?: RequestInit) =>
    url.endsWith('/api/v1/key') ? Promise.resolve(new Response('{"data":{}}', { status: 200 })) : exchanges(url, init);
  const session = createSession({ origin: ORIGIN, appOrigin: APP, storage: sessionStorage, fetch: routed as unknown as typeof globalThis.fetch, ...options });
  const sent = (call = 0) => JSON.parse(exchanges.mock.calls[call]![1]!.body as string) as Record<string, string>;
  return { session, exchanges, sent };
}

/** Starts a popup sign-in in its own window, as the click opened it. */
async function startPopup(session: Session, { state = STATE, verifier = VERIFIER, body = bodyFor('popup') } = {}) {
  const popup = new FakePopup();
  const navigator = { window: popup, open: vi.fn((url: string) => popup.location.replace(url)) };
  session.start({ mode: 'popup', body, draft: await draftFor(verifier, state), navigator });
  return { popup, navigator };
}

/** Starts a paste sign-in: OpenRouter opens in a new tab nobody holds. */
async function startPaste(session: Session, { state = STATE, verifier = VERIFIER, body = bodyFor('paste') } = {}) {
  const navigator = { open: vi.fn() };
  session.start({ mode: 'paste', body, draft: await draftFor(verifier, state), navigator });
  return navigator;
}

async function startRedirect(session: Session, { state = STATE, verifier = VERIFIER } = {}) {
  const navigator = { open: vi.fn() };
  session.start({ mode: 'redirect', body: bodyFor('redirect'), draft: await draftFor(verifier, state), navigator });
  return navigator;
}

const message = (source: unknown, data: Record<string, unknown>, origin = APP) => ({ origin, source: source as MessageEventSource, data });
/** What the callback page in the sign-in window posts. */
const answer = (fields: Record<string, unknown>, sender: Sender = 'openrouter') => ({ type: CALLBACK_MESSAGE, sender, repeated: false, ...fields });

describe('popup sign-in', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('sends its window to /auth with this page as callback, the challenge and the state, and stores nothing anywhere', async () => {
    const { session } = setup();
    const { popup, navigator } = await startPopup(session, { body: bodyFor('popup', { ...FORM, codeChallengeMethod: 'S256' }) });
    expect(navigator.open).toHaveBeenCalledOnce();
    expect(popup.opened).toHaveLength(1);
    const url = new URL(popup.opened[0]!);
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/auth`);
    expect(url.searchParams.get('callback_url')).toBe(PAGE);
    expect(url.searchParams.get('code_challenge')).toBe(CHALLENGE);
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.href).not.toContain(VERIFIER);
    // The phase holds the request it sent, for the preview to show while it waits.
    expect(session.phase).toEqual({
      kind: 'waiting',
      mode: 'popup',
      url: url.href,
      body: expect.objectContaining({ callbackUrl: PAGE, codeChallenge: CHALLENGE }),
    });
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it('exchanges the code its window sends with the state, once, with the in-memory verifier, and closes the window', async () => {
    const { session, exchanges, sent } = setup();
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    session.message(message(popup, answer({ code: 'the-code', state: STATE }))); // delivered twice
    expect(session.phase.kind).toBe('exchanging');
    expect(popup.close).toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(exchanges).toHaveBeenCalledOnce();
    // The form said plain, and the popup mode keeps the form's method.
    expect(sent()).toEqual({ code: 'the-code', code_verifier: VERIFIER, code_challenge_method: 'plain' });
    expect(session.phase.kind).toBe('minted');
  });

  it('exchanges a stateless code when OpenRouter sent the window back', async () => {
    const { session, sent } = setup();
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code' }, 'openrouter')));
    expect(session.phase.kind).toBe('exchanging');
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it.each<Sender>(['unknown', 'other'])('keeps the sign-in and its window on a stateless answer whose sender is %s, and says so', async (sender) => {
    const { session, exchanges, sent } = setup();
    const { popup, navigator } = await startPopup(session);
    const url = navigator.open.mock.calls[0]![0];
    // Another page in the window may have sent it: not used, and not the end of this sign-in.
    session.message(message(popup, answer({ code: 'planted' }, sender)));
    expect(session.phase).toEqual({ kind: 'waiting', mode: 'popup', url, body: expect.anything(), unproven: true });
    expect(popup.close).not.toHaveBeenCalled();
    expect(exchanges).not.toHaveBeenCalled();
    // The window still brings the right answer.
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    expect(session.phase.kind).toBe('exchanging');
    expect(popup.close).toHaveBeenCalled();
    await vi.runAllTimersAsync();
    expect(exchanges).toHaveBeenCalledOnce();
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
    expect(session.phase.kind).toBe('minted');
  });

  it('keeps the sign-in on an unproven stateless denial, without showing its text', async () => {
    const { session } = setup();
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ error: 'access_denied', errorDescription: 'Go to evil.example' }, 'unknown')));
    expect(session.phase).toMatchObject({ kind: 'waiting', unproven: true });
    expect(JSON.stringify(session.phase)).not.toContain('evil.example');
    expect(popup.close).not.toHaveBeenCalled();
    // Cancel still ends it.
    session.reset();
    expect(popup.close).toHaveBeenCalled();
  });

  it.each([
    ['a foreign origin', (popup: FakePopup) => message(popup, answer({ code: 'c', state: STATE }), 'https://docs.example.com')],
    ['OpenRouter’s origin', (popup: FakePopup) => message(popup, answer({ code: 'c', state: STATE }), ORIGIN)],
    ['another window', () => message(new FakePopup(), answer({ code: 'c', state: STATE }))],
    ['no window at all', () => message(null, answer({ code: 'c', state: STATE }))],
    ['another state', (popup: FakePopup) => message(popup, answer({ code: 'c', state: STATE_2 }))],
    ['the state __proto__', (popup: FakePopup) => message(popup, answer({ code: 'c', state: '__proto__' }))],
    ['a repeated parameter', (popup: FakePopup) => message(popup, answer({ code: 'c', state: STATE, repeated: true }))],
    ['a code of impossible shape', (popup: FakePopup) => message(popup, answer({ code: 'a b', state: STATE }))],
    ['a denial with another state', (popup: FakePopup) => message(popup, answer({ error: 'access_denied', state: STATE_2 }))],
    ['no sender', (popup: FakePopup) => message(popup, { type: CALLBACK_MESSAGE, code: 'c', state: STATE })],
    ['another kind of message', (popup: FakePopup) => message(popup, { type: 'keymint:height', height: 5 })],
    ['a string', (popup: FakePopup) => message(popup, 'code=c' as never)],
  ])('ignores a message from %s, and keeps waiting for the right one', async (_, make) => {
    const { session, exchanges, sent } = setup();
    const { popup } = await startPopup(session);
    const waiting = session.phase;
    const listener = vi.fn();
    session.subscribe(listener);
    session.message(make(popup));
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
    expect(session.phase).toBe(waiting);
    expect(listener).not.toHaveBeenCalled();
    expect(popup.close).not.toHaveBeenCalled();
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'the-code', code_verifier: VERIFIER });
  });

  it('ends the sign-in on a denial with its state, and closes the window', async () => {
    const { session, exchanges } = setup();
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ error: 'access_denied', errorDescription: 'No thanks', state: STATE })));
    expect(session.phase).toEqual({ kind: 'denied', error: 'access_denied', description: 'No thanks' });
    expect(popup.close).toHaveBeenCalled();
    session.message(message(popup, answer({ code: 'late', state: STATE })));
    await vi.runAllTimersAsync();
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('after Cancel, closes the window and ignores its code', async () => {
    const { session, exchanges } = setup();
    const { popup } = await startPopup(session);
    session.reset();
    expect(popup.close).toHaveBeenCalled();
    session.message(message(popup, answer({ code: 'late', state: STATE })));
    await vi.runAllTimersAsync();
    expect(exchanges).not.toHaveBeenCalled();
    expect(session.phase).toEqual({ kind: 'idle' });
  });

  it('waits a grace period after the window reads closed, then stops listening and asks for a pasted code', async () => {
    const { session, exchanges, sent } = setup();
    const { popup } = await startPopup(session);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(POPUP_POLL_MS + POPUP_GRACE_MS - 100);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'popup' });
    expect(session.phase).not.toHaveProperty('lost');
    await vi.advanceTimersByTimeAsync(200);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'popup', lost: true });
    session.message(message(popup, answer({ code: 'late', state: STATE })));
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
    // The consent page may only have cut the link (COOP): the code it shows can still be pasted.
    session.paste('  pasted-code \n');
    expect(session.phase.kind).toBe('exchanging');
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'pasted-code', code_verifier: VERIFIER });
    expect(session.phase.kind).toBe('minted');
  });

  it('does not call an open window lost', async () => {
    const { session } = setup();
    await startPopup(session);
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS - 1000);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'popup' });
    expect(session.phase).not.toHaveProperty('lost');
  });

  it('still takes a message that arrives during the grace period', async () => {
    const { session, exchanges } = setup();
    const { popup } = await startPopup(session);
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(POPUP_POLL_MS + 100);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(exchanges).toHaveBeenCalledOnce();
    expect(session.phase.kind).toBe('minted');
  });

  it('ends a sign-in nobody finished after 10 minutes, and closes its window', async () => {
    const { session, popup, exchanges } = await (async () => {
      const s = setup();
      return { ...s, ...(await startPopup(s.session)) };
    })();
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS - 1);
    expect(session.phase.kind).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1);
    expect(session.phase).toEqual({ kind: 'ignored', reason: 'expired' });
    expect(popup.close).toHaveBeenCalled();
    session.message(message(popup, answer({ code: 'late', state: STATE })));
    session.paste('late');
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('ignores its window’s message while an exchange runs', async () => {
    let answered: (response: Response) => void = () => {};
    const { session, exchanges } = setup(() => new Promise((resolve) => (answered = resolve)));
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    session.message(message(popup, answer({ code: 'other-code', state: STATE })));
    answered(ok());
    await vi.runAllTimersAsync();
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('keeps code and verifier in memory after a network failure so Retry works', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => ok()];
    const { session, exchanges } = setup(() => answers.shift()!());
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    session.retry();
    await vi.runAllTimersAsync();
    expect(exchanges.mock.calls[1]![1]!.body).toBe(exchanges.mock.calls[0]![1]!.body);
    expect(session.phase.kind).toBe('minted');
  });

  it('says a key may exist when a Retry after a lost answer finds the code spent', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => new Response('{"error":{"message":"Invalid code"}}', { status: 403 })];
    const { session } = setup(() => answers.shift()!());
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    session.retry();
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { status: 403, retryable: false }, maybeMinted: true });
  });

  it('after a retryable failure, a new sign-in instead of Retry drops the kept code and takes its own', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => ok()];
    const { session, exchanges, sent } = setup(() => answers.shift()!());
    const { popup } = await startPopup(session);
    session.message(message(popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    const second = await startPopup(session, { state: STATE_2, verifier: VERIFIER_2 });
    session.message(message(second.popup, answer({ code: 'new-code' })));
    await vi.runAllTimersAsync();
    expect(sent(1)).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
    expect(session.phase.kind).toBe('minted');
    session.reset();
    session.retry();
    expect(exchanges).toHaveBeenCalledTimes(2);
  });
});

describe('starting a sign-in ends the one before', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('popup after popup: the earlier window closes, its messages are ignored, and the earlier state is unmatched', async () => {
    const { session, exchanges, sent } = setup();
    const first = await startPopup(session);
    const second = await startPopup(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(first.popup.close).toHaveBeenCalled();
    expect(second.popup.close).not.toHaveBeenCalled();
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'popup', url: second.popup.opened[0] });
    session.message(message(first.popup, answer({ code: 'old-code', state: STATE })));
    // Even through the new window, the earlier sign-in's state is another sign-in's.
    session.message(message(second.popup, answer({ code: 'old-code', state: STATE })));
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
    expect(session.phase.kind).toBe('waiting');
    session.message(message(second.popup, answer({ code: 'new-code', state: STATE_2 })));
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
  });

  it('the earlier popup’s timers do not touch the new sign-in', async () => {
    const { session } = setup();
    const first = await startPopup(session);
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS / 2);
    const second = await startPopup(session, { state: STATE_2, verifier: VERIFIER_2 });
    // The first window closed (the poll sees it), and its 10 minutes pass.
    expect(first.popup.closed).toBe(true);
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS / 2 + POPUP_GRACE_MS + POPUP_POLL_MS);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'popup' });
    expect(session.phase).not.toHaveProperty('lost');
    expect(second.popup.close).not.toHaveBeenCalled();
  });

  it('redirect after popup: the window closes and the new sign-in waits in storage', async () => {
    const { session, exchanges } = setup();
    const { popup } = await startPopup(session);
    const navigator = await startRedirect(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(popup.close).toHaveBeenCalled();
    expect(navigator.open).toHaveBeenCalledOnce();
    expect(JSON.parse(sessionStorage.getItem(PENDING_KEY)!)).toMatchObject({ state: STATE_2, verifier: VERIFIER_2 });
    session.message(message(popup, answer({ code: 'old-code', state: STATE })));
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('popup after redirect: the storage slot is emptied', async () => {
    const { session } = setup();
    await startRedirect(session);
    expect(sessionStorage.getItem(PENDING_KEY)).not.toBeNull();
    await startPopup(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(sessionStorage.length).toBe(0);
  });

  it('paste after redirect: the storage slot is emptied, and the new verifier is used', async () => {
    const { session, sent } = setup();
    await startRedirect(session);
    await startPaste(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(sessionStorage.length).toBe(0);
    session.paste(`${PAGE}?code=old-code&state=${STATE}`);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'paste', pasteProblem: 'other-sign-in' });
    session.paste('new-code');
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'new-code', code_verifier: VERIFIER_2 });
  });

  it('a blocked popup ends the earlier sign-in: its window closes and Retry is gone', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch'))];
    const { session, exchanges } = setup(() => answers.shift()!());
    const first = await startPopup(session);
    session.message(message(first.popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    const second = await startPopup(session, { state: STATE_2 });
    session.popupBlocked('sandbox-popups');
    expect(session.phase).toEqual({ kind: 'blocked', cause: 'sandbox-popups' });
    expect(second.popup.close).toHaveBeenCalled();
    session.retry();
    session.message(message(second.popup, answer({ code: 'c', state: STATE_2 })));
    await vi.runAllTimersAsync();
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('nothing starts while an exchange runs: no window is sent anywhere and the running sign-in goes on', async () => {
    let answered: (response: Response) => void = () => {};
    const { session, exchanges } = setup(() => new Promise((resolve) => (answered = resolve)));
    const first = await startPopup(session);
    session.message(message(first.popup, answer({ code: 'the-code', state: STATE })));
    const second = await startPopup(session, { state: STATE_2, verifier: VERIFIER_2 });
    expect(second.navigator.open).not.toHaveBeenCalled();
    await startPaste(session, { state: STATE_2 });
    expect(session.phase.kind).toBe('exchanging');
    answered(ok());
    await vi.runAllTimersAsync();
    expect(session.phase.kind).toBe('minted');
    expect(exchanges).toHaveBeenCalledOnce();
  });

  it('nothing starts while a key is on screen', async () => {
    const { session } = setup();
    const first = await startPopup(session);
    session.message(message(first.popup, answer({ code: 'the-code', state: STATE })));
    await vi.runAllTimersAsync();
    expect(session.phase.kind).toBe('minted');
    const second = await startPopup(session, { state: STATE_2 });
    const paste = await startPaste(session, { state: STATE_2 });
    expect(second.navigator.open).not.toHaveBeenCalled();
    expect(paste.open).not.toHaveBeenCalled();
    expect(session.phase.kind).toBe('minted');
  });
});

describe('paste-code sign-in', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: START });
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('opens headless /auth: no callback, S256 even when the form says plain, nothing stored', async () => {
    const { session } = setup();
    const navigator = await startPaste(session);
    expect(navigator.open).toHaveBeenCalledOnce();
    const url = new URL(navigator.open.mock.calls[0]![0] as string);
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/auth`);
    expect(url.searchParams.has('callback_url')).toBe(false);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe(CHALLENGE);
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.searchParams.get('limit')).toBe('5');
    expect(url.href).not.toContain(VERIFIER);
    expect(session.phase).toEqual({ kind: 'waiting', mode: 'paste', url: url.href, body: expect.objectContaining({ codeChallenge: CHALLENGE }) });
    expect(sessionStorage.length).toBe(0);
  });

  it('exchanges a pasted code with the in-memory verifier and S256', async () => {
    const { session, sent } = setup();
    await startPaste(session);
    session.paste('  the-code\n');
    expect(session.phase.kind).toBe('exchanging');
    await vi.runAllTimersAsync();
    expect(sent()).toEqual({ code: 'the-code', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    expect(session.phase.kind).toBe('minted');
  });

  it('says what is wrong with a pasted text that is no code, and keeps waiting', async () => {
    const { session, exchanges } = setup();
    await startPaste(session);
    for (const text of ['two words', '', `${PAGE}?state=${STATE}`, `${PAGE}?code=a&code=b`]) {
      session.paste(text);
      expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'paste', pasteProblem: 'shape' });
    }
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('refuses a whole callback URL whose state is another sign-in’s, and keeps waiting', async () => {
    const { session, exchanges, sent } = setup();
    await startPaste(session);
    session.paste(`${PAGE}?code=foreign&state=${STATE_2}`);
    expect(session.phase).toMatchObject({ kind: 'waiting', mode: 'paste', pasteProblem: 'other-sign-in' });
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
    session.paste(`${PAGE}?code=from-url&state=${STATE}`);
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'from-url', code_verifier: VERIFIER });
  });

  it('takes a whole callback URL without state', async () => {
    const { session, sent } = setup();
    await startPaste(session);
    session.paste(`${PAGE}?code=from-url`);
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'from-url', code_verifier: VERIFIER });
  });

  it('a good paste after a problem exchanges', async () => {
    const { session, sent } = setup();
    await startPaste(session);
    session.paste('two words');
    session.paste('the-code');
    expect(session.phase.kind).toBe('exchanging');
    await vi.runAllTimersAsync();
    expect(sent()).toMatchObject({ code: 'the-code' });
  });

  it('ignores popup messages: there is no window to trust', async () => {
    const { session, exchanges } = setup();
    await startPaste(session);
    const waiting = session.phase;
    session.message(message(null, answer({ code: 'c', state: STATE })));
    session.message(message(new FakePopup(), answer({ code: 'c', state: STATE })));
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
    expect(session.phase).toBe(waiting);
  });

  it('a new sign-in replaces the waiting one', async () => {
    const { session, sent } = setup();
    await startPaste(session);
    await startPaste(session, { state: STATE_2, verifier: VERIFIER_2 });
    session.paste(`${PAGE}?code=old&state=${STATE}`);
    expect(session.phase).toMatchObject({ pasteProblem: 'other-sign-in' });
    session.paste('the-code');
    await vi.runAllTimersAsync();
    expect(sent().code_verifier).toBe(VERIFIER_2);
  });

  it('takes no paste when nothing waits', async () => {
    const { session, exchanges } = setup();
    session.paste('the-code');
    expect(session.phase).toEqual({ kind: 'idle' });
    await startPaste(session);
    session.reset();
    session.paste('the-code');
    expect(session.phase).toEqual({ kind: 'idle' });
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('ends by itself after 10 minutes', async () => {
    const { session, exchanges } = setup();
    await startPaste(session);
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS);
    expect(session.phase).toEqual({ kind: 'ignored', reason: 'expired' });
    session.paste('late');
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });

  it('refuses a paste once 10 minutes have passed on the clock, even before the timer fires (a sleeping laptop)', async () => {
    const clock = { now: START.getTime() };
    const { session, exchanges } = setup(async () => ok(), { now: () => clock.now });
    await startPaste(session);
    clock.now += FLOW_TTL_MS;
    session.paste('late');
    expect(session.phase).toEqual({ kind: 'ignored', reason: 'expired' });
    session.paste('late');
    await vi.advanceTimersByTimeAsync(10);
    expect(exchanges).not.toHaveBeenCalled();
  });
});
