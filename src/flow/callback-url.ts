// The first thing the page does: take `code`/`state`/`error` off the URL, before anything can read them.

// In the order of CallbackParams; the first three mark a callback, error_uri is only removed.
const CALLBACK_KEYS = ['code', 'state', 'error', 'error_description', 'error_uri'];

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
  let repeated = false;
  const [code, state, error, errorDescription] = CALLBACK_KEYS.map((key) => {
    const all = query.getAll(key);
    repeated ||= all.length > 1;
    query.delete(key);
    return all[0];
  });
  if ((code ?? state ?? error) === undefined) return null;
  history.replaceState(null, '', url.href);
  return { code, state, error, errorDescription, repeated };
}
