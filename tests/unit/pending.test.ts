import { beforeEach, describe, expect, it } from 'vitest';
import { createPendingStore, FLOW_TTL_MS, isFresh, PENDING_KEY, sessionStorageOf, type PendingFlow } from '../../src/flow/pending';

const NOW = 1_900_000_000_000;
const S1 = 'state-one-state-one-state-one-state-one-123';
const S2 = 'state-two-state-two-state-two-state-two-123';
const flow = (over: Partial<PendingFlow> = {}): PendingFlow => ({
  state: S1,
  verifier: 'v'.repeat(43),
  method: 'S256',
  createdAt: NOW - 1000,
  requested: {},
  ...over,
});

describe('the pending sign-in in sessionStorage', () => {
  beforeEach(() => sessionStorage.clear());

  it('saves the one waiting sign-in, and loads it back', () => {
    const store = createPendingStore(sessionStorage);
    const saved = flow({ requested: { keyLabel: 'k', limit: 5, usageLimitType: 'monthly' } });
    store.save(saved);
    expect(store.load(NOW)).toEqual(saved);
    // Loading does not consume it.
    expect(store.load(NOW)).toEqual(saved);
  });

  it('stores state, verifier, method, creation time and asked-for settings, in one slot', () => {
    createPendingStore(sessionStorage).save(flow({ method: 'plain', createdAt: NOW, requested: { keyLabel: 'k' } }));
    expect(Object.entries(sessionStorage)).toEqual([
      [PENDING_KEY, `{"state":"${S1}","verifier":"${'v'.repeat(43)}","method":"plain","createdAt":${NOW},"requested":{"keyLabel":"k"}}`],
    ]);
  });

  it('has one slot: a new sign-in replaces the earlier one', () => {
    const store = createPendingStore(sessionStorage);
    store.save(flow({ state: S1, verifier: 'first' }));
    store.save(flow({ state: S2, verifier: 'second' }));
    expect(store.load(NOW)).toMatchObject({ state: S2, verifier: 'second' });
    expect(sessionStorage.length).toBe(1);
  });

  it('clears the slot, and only it', () => {
    const store = createPendingStore(sessionStorage);
    sessionStorage.setItem('unrelated', 'keep me');
    store.save(flow());
    store.clear();
    expect(store.load(NOW)).toBeNull();
    expect(Object.entries(sessionStorage)).toEqual([['unrelated', 'keep me']]);
    store.clear(); // clearing an empty slot is fine
    expect(sessionStorage.length).toBe(1);
  });

  it('loads null when nothing waits', () => {
    expect(createPendingStore(sessionStorage).load(NOW)).toBeNull();
  });

  it.each([
    ['10 minutes old', NOW - FLOW_TTL_MS],
    ['older still', NOW - FLOW_TTL_MS - 1],
    ['from the future', NOW + 60_000],
  ])('drops a sign-in %s when loading', (_, createdAt) => {
    const store = createPendingStore(sessionStorage);
    store.save(flow({ createdAt }));
    expect(store.load(NOW)).toBeNull();
    expect(sessionStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('keeps a sign-in just under 10 minutes old', () => {
    const store = createPendingStore(sessionStorage);
    store.save(flow({ createdAt: NOW - FLOW_TTL_MS + 1 }));
    expect(store.load(NOW)?.state).toBe(S1);
    store.save(flow({ createdAt: NOW }));
    expect(store.load(NOW)?.state).toBe(S1);
  });

  it.each([
    ['not JSON', '{not json'],
    ['JSON null', 'null'],
    ['a string', '"text"'],
    ['an array', '[]'],
    ['a wrong shape', '{"verifier":1}'],
    ['no state', JSON.stringify({ ...flow(), state: undefined })],
    ['a numeric state', JSON.stringify({ ...flow(), state: 12345678901234567890 })],
    ['no verifier', JSON.stringify({ ...flow(), verifier: undefined })],
    ['an unknown method', JSON.stringify({ ...flow(), method: 'S512' })],
    ['a string creation time', JSON.stringify({ ...flow(), createdAt: String(NOW) })],
    ['null settings', JSON.stringify({ ...flow(), requested: null })],
    ['settings that are an array', JSON.stringify({ ...flow(), requested: [] })],
    ['settings that are a string', JSON.stringify({ ...flow(), requested: 'k' })],
  ])('drops a damaged entry: %s', (_, text) => {
    sessionStorage.setItem(PENDING_KEY, text);
    sessionStorage.setItem('unrelated', 'keep me');
    expect(createPendingStore(sessionStorage).load(NOW)).toBeNull();
    expect(Object.keys(sessionStorage)).toEqual(['unrelated']);
  });

  it.each([
    '__proto__',
    'constructor',
    'short',
    '',
    'x'.repeat(129),
    `${'a'.repeat(20)} ${'b'.repeat(20)}`,
    `${'a'.repeat(20)}.${'b'.repeat(20)}`,
    `${'a'.repeat(20)}=`,
  ])('refuses a sign-in whose state %j is of a shape we never make', (state) => {
    const store = createPendingStore(sessionStorage);
    store.save(flow({ state }));
    expect(store.load(NOW)).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it.each(['a'.repeat(16), 'A-z_9'.repeat(26).slice(0, 128), S1])('accepts the state %j', (state) => {
    const store = createPendingStore(sessionStorage);
    store.save(flow({ state }));
    expect(store.load(NOW)?.state).toBe(state);
  });

  it('holds nothing where the page has no sessionStorage', () => {
    const store = createPendingStore(null);
    store.save(flow());
    expect(store.load(NOW)).toBeNull();
    store.clear();
    expect(sessionStorage.length).toBe(0);
  });
});

describe('freshness', () => {
  it('is younger than 10 minutes and not from the future', () => {
    expect(isFresh(NOW, NOW)).toBe(true);
    expect(isFresh(NOW - FLOW_TTL_MS + 1, NOW)).toBe(true);
    expect(isFresh(NOW - FLOW_TTL_MS, NOW)).toBe(false);
    expect(isFresh(NOW + 1, NOW)).toBe(false);
    expect(FLOW_TTL_MS).toBe(600_000);
  });
});

describe('sessionStorageOf', () => {
  it('is the window’s sessionStorage, or null where touching it throws', () => {
    expect(sessionStorageOf(window)).toBe(window.sessionStorage);
    const sandboxed = {
      get sessionStorage(): Storage {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    };
    expect(sessionStorageOf(sandboxed)).toBeNull();
  });
});
