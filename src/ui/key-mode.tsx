// Everything "Mint with my API key" needs in the page, in one lazily loaded chunk.
import { checkApiKey, checkAttribution, describeCreateCodeRequest } from '../wire/create-code';
import { snippets } from '../wire/snippets';
import type { KeyCheck, KeyValues } from './KeyFields';

export { KeyFields } from './KeyFields';
export { RequestView } from './RequestView';
export { describeCreateCodeRequest, snippets };

/** The existing key and attribution, checked; the key itself only ever leaves here as the Bearer token. */
export function checkKeys(values: KeyValues): KeyCheck {
  const result: KeyCheck = checkAttribution(values);
  const key = checkApiKey(values.existingKey);
  if (key.ok) {
    result.existingKey = key.value;
    if (key.hint) result.reports.existingKey = { hint: key.hint };
  } else {
    result.reports.existingKey = { error: key.error };
    result.valid = false;
  }
  return result;
}
