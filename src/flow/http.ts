// The one way Keymint talks to OpenRouter's API: no cookies, no referrer, no cache, no redirects,
// and a timeout. Each caller maps the answer (or the failure) to its own result.
import type { ApiAnswer } from '../wire/answer';

export const DEFAULT_TIMEOUT_MS = 20_000;

export interface ApiOptions {
  origin: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Never throws: a network error, a CORS refusal or the timeout come back as `failed`. */
export async function callApi(
  { fetch: doFetch = fetch, timeoutMs = DEFAULT_TIMEOUT_MS }: ApiOptions,
  url: string,
  init: Pick<RequestInit, 'method' | 'headers' | 'body'>,
): Promise<ApiAnswer> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await doFetch(url, {
      ...init,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      signal,
    });
    return { status: response.status, text: await response.text(), retryAfter: response.headers.get('Retry-After') };
  } catch {
    return { failed: signal.aborted ? 'timeout' : 'unreachable' };
  }
}
