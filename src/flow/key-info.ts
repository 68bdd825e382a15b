// Asks OpenRouter what the new key actually has: GET /api/v1/key with the key as Bearer.
import { interpretKeyInfo, keyInfoUrl, type KeyInfoResult } from '../wire/key-info';
import { callApi, type ApiOptions } from './http';

/** Never throws: a failed check comes back as a failure, and the key itself may still be fine. */
export async function fetchKeyInfo(options: ApiOptions, apiKey: string): Promise<KeyInfoResult> {
  return interpretKeyInfo(await callApi(options, keyInfoUrl(options.origin), { headers: { Authorization: `Bearer ${apiKey}` } }), apiKey);
}
