import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, POPUP_GRACE_MS, POPUP_POLL_MS, type PopupWindow } from '../../src/flow/session';
import { draftFor } from '../../src/flow/pkce';
import { FLOW_TTL_MS } from '../../src/flow/pending';
import { CALLBACK_MESSAGE } from '../../src/flow/popup';

const ORIGIN = 'https://openrouter.ai';
const APP = 'https://keymint.example';
const KEY = `sk-or-v1-${'ab'.repeat(32)}`;
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const ok = () => new Response(JSON.stringify({ key: KEY }), { status: 200 });

class FakePopup implements PopupWindow {
  closed = false;
  opened: string[] = [];
  close() {
    this.closed = true;
  }
  location = { replace: (url: string) => void this.opened.push(url) };
}

/** `fetch` records exchanges only; the key check after a mint gets a fixed answer. */
function setup(respond: () => Promise<Response> = async () => ok()) {
  const fetch = vi.fn((_url: string, _init?: RequestInit) => respond());
  const routed = (url: string, init?: RequestInit) =>
    url.endsWith('/api/v1/key') ? Promise.resolve(new Response('{"data":{}}', { status: 200 })) : fetch(url, init);
  const session = createSession({ origin: ORIGIN, appOrigin: APP, storage: null, fetch: routed as unknown as typeof globalThis.fetch });
  return { session, fetch };
}

const message = (source: unknown, data: Record<string, unknown>, origin = APP) => ({ origin, source: source as MessageEventSource, data });

describe('popup sign-in', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  async function started(respond?: () => Promise<Response>) {
    const setupResult = setup(respond);
    const popup = new FakePopup();
    setupResult.session.openPopup({ callbackUrl: `${APP}/`, keyLabel: 'k' }, await draftFor(VERIFIER, STATE), popup);
    return { ...setupResult, popup };
  }

  it('sends the popup to /auth with the challenge and state, and stores nothing anywhere', async () => {
    const { session, popup } = await started();
    expect(popup.opened).toHaveLength(1);
    const url = new URL(popup.opened[0]!);
    expect(url.origin + url.pathname).toBe(`${ORIGIN}/auth`);
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.searchParams.get('callback_url')).toBe(`${APP}/`);
    expect(url.href).not.toContain(VERIFIER);
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'popup' });
    expect(sessionStorage.length + localStorage.length).toBe(0);
  });

  it('exchanges the code its popup sends, once, with the in-memory verifier', async () => {
    const { session, popup, fetch } = await started();
    const data = { type: CALLBACK_MESSAGE, code: 'the-code', state: STATE };
    session.message(message(popup, data));
    session.message(message(popup, data)); // delivered twice
    expect(session.phase.kind).toBe('exchanging');
    expect(popup.closed).toBe(true); // the frame closes the popup it accepted the code from
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledOnce();
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body as string)).toEqual({ code: 'the-code', code_verifier: VERIFIER, code_challenge_method: 'S256' });
    expect(session.phase.kind).toBe('minted');
  });

  it('ignores a message from a foreign origin or another window, and one with another state', async () => {
    const { session, popup, fetch } = await started();
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'c', state: STATE }, 'https://docs.example.com'));
    session.message(message(new FakePopup(), { type: CALLBACK_MESSAGE, code: 'c', state: STATE }));
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'c', state: '__proto__' }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'popup' });
  });

  it('refuses a callback that repeated a parameter, as malformed, without exchanging', async () => {
    const { session, popup, fetch } = await started();
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'first', state: STATE, repeated: true }));
    expect(session.phase).toEqual({ kind: 'refused', reason: 'malformed' });
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('ends the flow on a denial from the popup', async () => {
    const { session, popup, fetch } = await started();
    session.message(message(popup, { type: CALLBACK_MESSAGE, error: 'access_denied', state: STATE }));
    expect(session.phase).toEqual({ kind: 'denied', error: 'access_denied' });
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'late', state: STATE }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('after Cancel, a code from the popup is ignored', async () => {
    const { session, popup, fetch } = await started();
    session.reset();
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'late', state: STATE }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
    expect(session.phase.kind).toBe('idle');
  });

  it('waits a grace period after the popup reads closed, then stops listening and asks for a pasted code', async () => {
    const { session, popup, fetch } = await started();
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(POPUP_POLL_MS + POPUP_GRACE_MS - 100);
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'popup' });
    expect(session.phase).not.toHaveProperty('lost');
    await vi.advanceTimersByTimeAsync(200);
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'popup', lost: true });
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'late', state: STATE }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
    // The consent page may only have cut the link (COOP): its code can still be pasted.
    session.paste('  pasted-code \n');
    expect(session.phase.kind).toBe('exchanging');
    await vi.runAllTimersAsync();
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body as string)).toMatchObject({ code: 'pasted-code', code_verifier: VERIFIER });
    expect(session.phase.kind).toBe('minted');
  });

  it('still takes a message that arrives during the grace period', async () => {
    const { session, popup, fetch } = await started();
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(POPUP_POLL_MS + 100);
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'the-code' }));
    await vi.runAllTimersAsync();
    expect(fetch).toHaveBeenCalledOnce();
    expect(session.phase.kind).toBe('minted');
  });

  it('ends a flow nobody finished after 10 minutes', async () => {
    const { session, popup, fetch } = await started();
    await vi.advanceTimersByTimeAsync(FLOW_TTL_MS);
    expect(session.phase).toEqual({ kind: 'refused', reason: 'expired' });
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'late', state: STATE }));
    session.paste('late');
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('keeps code and verifier in memory after a network failure so Retry works', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => ok()];
    const { session, popup, fetch } = await started(() => answers.shift()!());
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'the-code', state: STATE }));
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true, message: expect.stringContaining('unreachable') } });
    session.retry();
    await vi.runAllTimersAsync();
    expect(fetch.mock.calls[1]![1]!.body).toBe(fetch.mock.calls[0]![1]!.body);
    expect(session.phase.kind).toBe('minted');
  });

  it('after a retryable failure, a new sign-in instead of Retry drops the kept code and takes its own', async () => {
    const answers = [() => Promise.reject(new TypeError('Failed to fetch')), async () => ok()];
    const { session, popup, fetch } = await started(() => answers.shift()!());
    session.message(message(popup, { type: CALLBACK_MESSAGE, code: 'the-code', state: STATE }));
    await vi.runAllTimersAsync();
    expect(session.phase).toMatchObject({ kind: 'failed', failure: { retryable: true } });
    const second = new FakePopup();
    session.openPopup({ callbackUrl: `${APP}/` }, await draftFor(VERIFIER, `${STATE}2`), second);
    session.message(message(second, { type: CALLBACK_MESSAGE, code: 'new-code' }));
    await vi.runAllTimersAsync();
    expect(JSON.parse(fetch.mock.calls[1]![1]!.body as string).code).toBe('new-code');
    expect(session.phase.kind).toBe('minted');
    session.retry();
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});

describe('paste-code sign-in', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens headless /auth: no callback, S256 even when plain was chosen', async () => {
    const { session } = setup();
    const url = new URL(session.openPaste({ callbackUrl: `${APP}/`, codeChallengeMethod: 'plain', limit: 5 }, await draftFor(VERIFIER, STATE)));
    expect(url.searchParams.has('callback_url')).toBe(false);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(url.searchParams.get('limit')).toBe('5');
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'paste' });
  });

  it('rejects a pasted text that is no code, keeping the flow, then exchanges a real one or a whole callback URL', async () => {
    const { session, fetch } = setup();
    session.openPaste({}, await draftFor(VERIFIER, STATE));
    session.paste('two words');
    expect(session.phase).toMatchObject({ kind: 'waiting', via: 'paste', pasteError: expect.stringMatching(/Paste the code/) });
    session.paste(`${APP}/?code=from-url&state=x`);
    await vi.runAllTimersAsync();
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body as string)).toEqual({ code: 'from-url', code_verifier: VERIFIER, code_challenge_method: 'S256' });
  });

  it('ignores popup messages: there is no popup to trust', async () => {
    const { session, fetch } = setup();
    session.openPaste({}, await draftFor(VERIFIER, STATE));
    session.message(message(null, { type: CALLBACK_MESSAGE, code: 'c', state: STATE }));
    await vi.advanceTimersByTimeAsync(10);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a new sign-in replaces the waiting one', async () => {
    const { session, fetch } = setup();
    session.openPaste({}, await draftFor(VERIFIER, STATE));
    const other = 'v'.repeat(43);
    session.openPaste({}, await draftFor(other, `${STATE}2`));
    session.paste('the-code');
    await vi.runAllTimersAsync();
    expect(JSON.parse(fetch.mock.calls[0]![1]!.body as string).code_verifier).toBe(other);
  });
});
