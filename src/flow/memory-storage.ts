// A Storage kept in this page's memory. Popup and paste flows hold their verifier here, so nothing
// reaches Web Storage; a framed page's storage is partitioned, or missing in a sandbox, anyway.
export function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

/** `window.sessionStorage`, or null where merely touching it throws (sandboxed, opaque origin). */
export function sessionStorageOf(win: Pick<Window, 'sessionStorage'>): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
