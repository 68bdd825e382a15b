import { beforeEach, describe, expect, it } from 'vitest';
import { createPendingStore, FLOW_TTL_MS, type PendingStore } from '../../src/flow/pending';

const NOW = 1_900_000_000_000;
const S1 = 'state-one-state-one-state-one-state-one-123';
const S2 = 'state-two-state-two-state-two-state-two-123';
const flowOf = (store: PendingStore, state: string) => store.live(NOW).find(([pending]) => pending === state)?.[1];

describe('pending flows in sessionStorage', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps each flow under its own state so two flows do not clobber each other', () => {
    const store = createPendingStore(sessionStorage);
    store.save(S1, { verifier: 'v1', method: 'S256', createdAt: NOW - 2, requested: {} });
    store.save(S2, { verifier: 'v2', method: 'plain', createdAt: NOW - 1, requested: {} });
    expect(flowOf(store, S1)?.verifier).toBe('v1');
    expect(flowOf(store, S2)?.verifier).toBe('v2');
    expect(store.live(NOW).map(([state]) => state).sort()).toEqual([S1, S2]);
    store.delete(S1);
    expect(flowOf(store, S1)).toBeUndefined();
    expect(store.live(NOW)).toHaveLength(1);
  });

  it('stores only the verifier, method, creation time and asked-for settings', () => {
    const store = createPendingStore(sessionStorage);
    store.save(S1, { verifier: 'v1', method: 'S256', createdAt: NOW, requested: { keyLabel: 'k' } });
    expect(Object.entries(sessionStorage)).toEqual([[`keymint.flow.${S1}`, `{"verifier":"v1","method":"S256","createdAt":${NOW},"requested":{"keyLabel":"k"}}`]]);
  });

  it('drops flows that are 10 minutes old, from the future, or damaged when reading live ones, and leaves other keys alone', () => {
    const store = createPendingStore(sessionStorage);
    store.save(S1, { verifier: 'old', method: 'S256', createdAt: NOW - FLOW_TTL_MS, requested: {} });
    store.save(S2, { verifier: 'future', method: 'S256', createdAt: NOW + 60_000, requested: {} });
    sessionStorage.setItem('keymint.flow.damaged-entry-damaged-entry-12', '{not json');
    sessionStorage.setItem('keymint.flow.wrong-shape-wrong-shape-wrong', '{"verifier":1}');
    sessionStorage.setItem('keymint.flow.no-settings-no-settings-no-se', `{"verifier":"v","method":"S256","createdAt":${NOW},"requested":null}`);
    sessionStorage.setItem('unrelated', 'keep me');
    expect(store.live(NOW)).toEqual([]);
    expect(Object.keys(sessionStorage)).toEqual(['unrelated']);
  });

  it('refuses to store malformed states', () => {
    const store = createPendingStore(sessionStorage);
    store.save('__proto__', { verifier: 'v', method: 'S256', createdAt: NOW, requested: {} });
    store.save('short', { verifier: 'v', method: 'S256', createdAt: NOW, requested: {} });
    expect(sessionStorage.length).toBe(0);
  });

  it('holds nothing where the page has no sessionStorage', () => {
    const store = createPendingStore(null);
    store.save(S1, { verifier: 'v1', method: 'S256', createdAt: NOW, requested: {} });
    store.delete(S1);
    expect(store.live(NOW)).toEqual([]);
    expect(sessionStorage.length).toBe(0);
  });
});
