// Asks OpenRouter what the new key actually has: GET /api/v1/key with the key as Bearer.
import { interpretKeyInfo, keyInfoNetworkFailure, keyInfoUrl, type KeyInfoResult } from '../wire/key-info';
import { DEFAULT_TIMEOUT_MS } from './exchange';
import type { FlowFetchOptions } from './create-code';

/** Never throws: a failed check comes back as a failure, and the key itself may still be fine. */
export async function fetchKeyInfo(
  { origin, fetch: doFetch = fetch, timeoutMs = DEFAULT_TIMEOUT_MS }: FlowFetchOptions,
  apiKey: string,
): Promise<KeyInfoResult> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await doFetch(keyInfoUrl(origin), {
      method: 'GET',
      headers: { Authorization: `Bearer ${apiKey}` },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      signal: controller.signal,
    });
    const text = await response.text();
    return interpretKeyInfo(response.status, text, [apiKey]);
  } catch {
    return keyInfoNetworkFailure(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
}
