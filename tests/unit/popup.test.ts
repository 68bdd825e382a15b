import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { acceptCallbackMessage, CALLBACK_MESSAGE, HAND_BACK_CLOSE_MS, handBackUnlessWaiting, MAX_MESSAGE_FIELD, type GuardContext } from '../../src/flow/popup';
import { popupName } from '../../src/flow/popup-open';
import { createPendingStore, FLOW_TTL_MS } from '../../src/flow/pending';

const OWN = 'https://keymint.example';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const NOW = 1_900_000_000_000;
const popup = { name: 'the popup' };
const context = (over: Partial<GuardContext> = {}): GuardContext => ({
  ownOrigin: OWN,
  flow: { popup, state: STATE, createdAt: NOW - 1000 },
  busy: false,
  now: NOW,
  ...over,
});
const event = (data: unknown, over: { origin?: string; source?: unknown } = {}) =>
  ({ origin: over.origin ?? OWN, source: (over.source === undefined ? popup : over.source) as MessageEventSource, data });
const good = { type: CALLBACK_MESSAGE, code: 'the-code', state: STATE };

describe('the popup message guard', () => {
  it('accepts our callback from our popup at our origin', () => {
    expect(acceptCallbackMessage(event(good), context())).toEqual({ code: 'the-code', state: STATE, repeated: false });
  });

  it('accepts a denial, and a code without state (OpenRouter may not echo it) from the popup itself', () => {
    expect(acceptCallbackMessage(event({ type: CALLBACK_MESSAGE, error: 'access_denied', errorDescription: 'no' }), context())).toEqual({
      error: 'access_denied',
      errorDescription: 'no',
      repeated: false,
    });
    expect(acceptCallbackMessage(event({ type: CALLBACK_MESSAGE, code: 'c' }), context())).toEqual({ code: 'c', repeated: false });
  });

  it.each([
    ['a foreign origin', event(good, { origin: 'https://docs.example.com' })],
    ['the null origin', event(good, { origin: 'null' })],
    ['a same-origin window that is not the popup', event(good, { source: { name: 'another window' } })],
    ['no source', event(good, { source: null })],
  ])('ignores a well-formed message from %s', (_, e) => {
    expect(acceptCallbackMessage(e, context())).toBeNull();
  });

  it('ignores everything when an exchange runs, or when the flow is older than 10 minutes', () => {
    expect(acceptCallbackMessage(event(good), context({ busy: true }))).toBeNull();
    expect(acceptCallbackMessage(event(good), context({ now: NOW - 1000 + FLOW_TTL_MS }))).toBeNull();
    expect(acceptCallbackMessage(event(good), context({ now: NOW - 2000 }))).toBeNull(); // clock went back
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', `${STATE}x`, STATE.slice(1), ''])(
    'ignores the state %j that is not the flow’s',
    (state) => {
      expect(acceptCallbackMessage(event({ ...good, state }), context())).toBeNull();
    },
  );

  it.each([
    ['a string', JSON.stringify(good)],
    ['null', null],
    ['an array', [good]],
    ['a wrong type', { ...good, type: 'oauth' }],
    ['no type', { code: 'c', state: STATE }],
    ['neither code nor error', { type: CALLBACK_MESSAGE, state: STATE }],
    ['a non-string code', { ...good, code: 42 }],
    ['an object code', { ...good, code: { toString: () => 'c' } }],
    ['an oversized code', { ...good, code: 'c'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an oversized description', { type: CALLBACK_MESSAGE, error: 'x', errorDescription: 'd'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an extra key', { ...good, key: 'sk-or-v1-x' }],
    ['a non-boolean repeated', { ...good, repeated: 'false' }],
    ['an own __proto__ key', JSON.parse(`{"type":"${CALLBACK_MESSAGE}","code":"c","__proto__":{"state":"${STATE}"}}`)],
    ['a class instance', Object.assign(new (class Message {})(), good)],
    ['an object without prototype', Object.assign(Object.create(null) as object, good)],
    ['a Date', new Date()],
  ])('ignores %s without throwing', (_, data) => {
    expect(acceptCallbackMessage(event(data), context())).toBeNull();
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), fc.string(), (data, origin) => {
        const result = acceptCallbackMessage(event(data, { origin }), context());
        expect(result === null || typeof result === 'object').toBe(true);
      }),
    );
  });
});

describe('the callback page in a popup', () => {
  it('posts the parameters to a same-origin opener, to our origin only, then closes', () => {
    vi.useFakeTimers();
    const opener = { closed: false, location: { origin: OWN }, postMessage: vi.fn() };
    const win = { opener, close: vi.fn(), location: { origin: OWN } };
    expect(handBackUnlessWaiting(win as never, null, { code: 'c', state: STATE, repeated: false }, NOW)).toBe(true);
    expect(opener.postMessage).toHaveBeenCalledWith({ type: CALLBACK_MESSAGE, code: 'c', state: STATE, repeated: false }, OWN);
    expect(win.close).not.toHaveBeenCalled(); // not yet: the message's source must still be alive
    vi.advanceTimersByTime(HAND_BACK_CLOSE_MS);
    expect(win.close).toHaveBeenCalled();
    vi.useRealTimers();
  });

  it('does nothing without an opener, or with one at another origin (reading its location throws)', () => {
    const win = { opener: null, close: vi.fn(), location: { origin: OWN } };
    expect(handBackUnlessWaiting(win as never, null, { code: 'c', repeated: false }, NOW)).toBe(false);
    const foreign = {
      closed: false,
      postMessage: vi.fn(),
      get location(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    const framed = { opener: foreign, close: vi.fn(), location: { origin: OWN } };
    expect(handBackUnlessWaiting(framed as never, null, { code: 'c', repeated: false }, NOW)).toBe(false);
    expect(foreign.postMessage).not.toHaveBeenCalled();
    expect(framed.close).not.toHaveBeenCalled();
  });

  it('keeps the callback when a redirect sign-in from this very tab waits for it', () => {
    sessionStorage.clear();
    createPendingStore(sessionStorage).save(STATE, { verifier: 'v'.repeat(43), method: 'S256', createdAt: NOW - 1000, requested: {} });
    const opener = { closed: false, location: { origin: OWN }, postMessage: vi.fn() };
    const win = { opener, close: vi.fn(), location: { origin: OWN } };
    expect(handBackUnlessWaiting(win as never, sessionStorage, { code: 'c', state: STATE, repeated: false }, NOW)).toBe(false);
    expect(handBackUnlessWaiting(win as never, sessionStorage, { code: 'c', state: `${STATE}2`, repeated: false }, NOW)).toBe(true);
    expect(opener.postMessage).toHaveBeenCalledOnce();
    sessionStorage.clear();
  });

  it.each([
    ['a denial with its description', { error: 'access_denied', errorDescription: 'Denied', repeated: false }],
    // The opener refuses it, as it would a repeated redirect callback.
    ['a callback with a repeated parameter, as repeated', { code: 'first', state: STATE, repeated: true }],
  ])('carries %s to the opener', (_, params) => {
    const opener = { closed: false, location: { origin: OWN }, postMessage: vi.fn() };
    handBackUnlessWaiting({ opener, close: vi.fn(), location: { origin: OWN } } as never, null, params, NOW);
    const [data] = opener.postMessage.mock.calls[0]!;
    expect(data).toEqual({ type: CALLBACK_MESSAGE, ...params });
    expect(acceptCallbackMessage(event(data), context())).toEqual(params);
  });

  it('names every popup differently', () => {
    expect(popupName()).not.toBe(popupName());
  });
});
