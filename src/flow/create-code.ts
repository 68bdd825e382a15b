// Sends POST /api/v1/auth/keys/code with a key the person already has, bounded by a timeout, and
// shows that request before it is sent.
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import { buildCreateCodeRequest, describeCreateCodeRequest, interpretCreateCode, type Attribution, type CreateCodeResult } from '../wire/create-code';
import { callApi, type ApiOptions } from './http';

export interface CreateAuthCodeInput {
  /** The existing OpenRouter key; it goes only into the Authorization header. */
  apiKey: string;
  body: Partial<AuthKeysCodeRequestBody>;
  attribution?: Attribution;
  /** More values to keep out of any returned text: the PKCE verifier. */
  secrets: readonly string[];
}

/** Never throws: a network error, a blocked request or the timeout become a retryable failure. */
export async function createAuthCode(options: ApiOptions, { apiKey, body, attribution, secrets }: CreateAuthCodeInput): Promise<CreateCodeResult> {
  const { url, ...init } = buildCreateCodeRequest(options.origin, apiKey, body, attribution);
  return interpretCreateCode(await callApi(options, url, init), [apiKey, ...secrets]);
}

/** The request as the preview shows it (the key redacted), and the settings of the same mint as code. */
export const previewCreateCode = (origin: string, apiKey: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution) => ({
  request: describeCreateCodeRequest(origin, apiKey, body, attribution),
  settings: { origin, body, attribution },
});
