// Sends POST /api/v1/auth/keys/code with a key the person already has, bounded by a timeout.
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import {
  buildCreateCodeRequest,
  createCodeNetworkFailure,
  interpretCreateCode,
  type Attribution,
  type CreateCodeResult,
} from '../wire/create-code';
import { DEFAULT_TIMEOUT_MS, type ExchangerOptions } from './exchange';

export type FlowFetchOptions = ExchangerOptions;

export interface CreateAuthCodeInput {
  /** The existing OpenRouter key; it goes only into the Authorization header. */
  apiKey: string;
  body: Partial<AuthKeysCodeRequestBody>;
  attribution?: Attribution;
  /** More values to keep out of any returned text, such as the PKCE verifier. */
  secrets?: readonly string[];
}

/** Never throws: a network error, a blocked request or the timeout become a retryable failure. */
export async function createAuthCode(
  { origin, fetch: doFetch = fetch, timeoutMs = DEFAULT_TIMEOUT_MS }: FlowFetchOptions,
  { apiKey, body, attribution, secrets = [] }: CreateAuthCodeInput,
): Promise<CreateCodeResult> {
  const request = buildCreateCodeRequest(origin, apiKey, body, attribution);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await doFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
      signal: controller.signal,
    });
    const text = await response.text();
    return interpretCreateCode(response.status, text, [apiKey, ...secrets]);
  } catch {
    return createCodeNetworkFailure(controller.signal.aborted ? 'timeout' : 'network');
  } finally {
    clearTimeout(timer);
  }
}
