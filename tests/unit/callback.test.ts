import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decideCallback } from '../../src/flow/callback';
import { takeCallbackFromUrl, type CallbackParams } from '../../src/flow/callback-url';
import { createPendingStore, FLOW_TTL_MS, type PendingStore } from '../../src/flow/pending';

const STATE_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const STATE_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const NOW = 1_900_000_000_000;
const flow = (createdAt = NOW - 1000) => ({ verifier: 'v'.repeat(43), method: 'S256' as const, createdAt, requested: {} });

describe('takeCallbackFromUrl', () => {
  it('removes code, state and error parameters with replaceState and returns them', () => {
    const history = { replaceState: vi.fn() };
    const params = takeCallbackFromUrl('https://k.example/app/?key_label=x&code=C0DE&state=ST4TE#top', history);
    expect(params).toEqual({ code: 'C0DE', state: 'ST4TE', error: undefined, errorDescription: undefined, repeated: false });
    expect(history.replaceState).toHaveBeenCalledExactlyOnceWith(null, '', 'https://k.example/app/?key_label=x#top');
  });

  it('takes error and error_description off the URL too', () => {
    const history = { replaceState: vi.fn() };
    const params = takeCallbackFromUrl('https://k.example/?error=access_denied&error_description=No%20thanks', history);
    expect(params).toMatchObject({ error: 'access_denied', errorDescription: 'No thanks' });
    expect(history.replaceState).toHaveBeenCalledWith(null, '', 'https://k.example/');
  });

  it('touches nothing when there is no callback', () => {
    const history = { replaceState: vi.fn() };
    expect(takeCallbackFromUrl('https://k.example/?limit=5', history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('marks a callback whose parameters repeat', () => {
    const params = takeCallbackFromUrl('https://k.example/?code=a&code=b&state=s', { replaceState: vi.fn() });
    expect(params?.repeated).toBe(true);
  });
});

describe('decideCallback', () => {
  let store: PendingStore;
  beforeEach(() => {
    sessionStorage.clear();
    store = createPendingStore(sessionStorage);
  });
  const params = (p: Partial<CallbackParams>): CallbackParams => ({ repeated: false, ...p });

  it('exchanges a code whose state matches a live flow', () => {
    store.save(STATE_A, flow());
    store.save(STATE_B, flow(NOW - 2000));
    expect(decideCallback(params({ code: 'c', state: STATE_B }), store.live(NOW))).toEqual({ kind: 'exchange', code: 'c', flow: flow(NOW - 2000) });
  });

  it('refuses an unknown state, and says when nothing is waiting at all', () => {
    store.save(STATE_A, flow());
    expect(decideCallback(params({ code: 'c', state: STATE_B }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'unknown-state' });
    sessionStorage.clear();
    expect(decideCallback(params({ code: 'c', state: STATE_B }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'no-pending', code: 'c' });
    expect(decideCallback(params({ code: 'c' }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'no-pending', code: 'c' });
  });

  it('without state, exchanges only when exactly one live flow waits', () => {
    store.save(STATE_A, flow());
    expect(decideCallback(params({ code: 'c' }), store.live(NOW))).toEqual({ kind: 'exchange', code: 'c', flow: flow() });
    store.save(STATE_B, flow());
    expect(decideCallback(params({ code: 'c' }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'ambiguous' });
  });

  it('never matches a flow that is 10 minutes old', () => {
    store.save(STATE_A, flow(NOW - FLOW_TTL_MS));
    expect(decideCallback(params({ code: 'c', state: STATE_A }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'no-pending', code: 'c' });
    expect(decideCallback(params({ code: 'c' }), store.live(NOW))).toEqual({ kind: 'refused', reason: 'no-pending', code: 'c' });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'length', ''])('never matches the state %j', (state) => {
    store.save(STATE_A, flow());
    expect(decideCallback(params({ code: 'c', state }), store.live(NOW)).kind).toBe('refused');
  });

  it('refuses repeated parameters, empty or oversized codes, and codes with spaces', () => {
    store.save(STATE_A, flow());
    for (const p of [
      params({ code: 'c', state: STATE_A, repeated: true }),
      params({ code: '', state: STATE_A }),
      params({ code: 'x'.repeat(513), state: STATE_A }),
      params({ code: 'a b', state: STATE_A }),
      params({ state: STATE_A }),
    ]) {
      expect(decideCallback(p, store.live(NOW))).toEqual({ kind: 'refused', reason: 'malformed' });
    }
  });

  it('turns an error into a denial, and keeps text only', () => {
    store.save(STATE_A, flow());
    store.save(STATE_B, flow());
    const decision = decideCallback(
      params({ error: 'access_denied', errorDescription: '<img src=x onerror=alert(1)> denied', state: STATE_A }),
      store.live(NOW),
    );
    expect(decision).toEqual({ kind: 'denied', error: 'access_denied', description: '<img src=x onerror=alert(1)> denied' });
  });

  it('denies an error without state, even if a code came along', () => {
    store.save(STATE_A, flow());
    store.save(STATE_B, flow());
    expect(decideCallback(params({ error: 'server_error', code: 'c' }), store.live(NOW)).kind).toBe('denied');
  });
});
