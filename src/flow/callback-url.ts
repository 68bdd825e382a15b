// The first thing the page does: take `code`/`state`/`error` off the URL, before anything can read them.

const CALLBACK_KEYS = ['code', 'state', 'error', 'error_description', 'error_uri'] as const;
const TRIGGER_KEYS = ['code', 'state', 'error'] as const;

export interface CallbackParams {
  code?: string;
  state?: string;
  error?: string;
  errorDescription?: string;
  /** A parameter appeared more than once: the whole callback is refused. */
  repeated: boolean;
}

/**
 * If the URL carries callback parameters, removes them with `history.replaceState` (before the
 * caller does anything else) and returns them; otherwise returns null and touches nothing.
 */
export function takeCallbackFromUrl(href: string, history: Pick<History, 'replaceState'>): CallbackParams | null {
  const url = new URL(href);
  const query = url.searchParams;
  if (!TRIGGER_KEYS.some((key) => query.has(key))) return null;

  const found: Record<string, string> = {};
  let repeated = false;
  for (const key of CALLBACK_KEYS) {
    const all = query.getAll(key);
    if (all.length > 1) repeated = true;
    if (all[0] !== undefined) found[key] = all[0];
    query.delete(key);
  }
  history.replaceState(null, '', url.pathname + url.search + url.hash);
  return { code: found.code, state: found.state, error: found.error, errorDescription: found.error_description, repeated };
}
