// After a mint: what OpenRouter says the new key has, and where to manage it.
import type { ApiFailure } from '../wire/answer';
import { compareApplied, type AppliedRow, type KeyInfoReason } from '../wire/key-info';
import { keyLinks, type KeyLinks } from '../wire/key-links';
import type { ApiOptions } from './http';
import { sha256Hex } from './key-hash';
import { fetchKeyInfo } from './key-info';
import type { RequestedSettings } from './pending';

/** What GET /api/v1/key says the new key has, beside what was asked for. */
export type AppliedCheck = { kind: 'checking' } | { kind: 'checked'; rows: AppliedRow[] } | { kind: 'unchecked'; failure: ApiFailure<KeyInfoReason> };

/** Never throws: a failed lookup becomes an 'unchecked' note shown beside the key. */
export async function checkApplied(
  options: ApiOptions,
  key: string,
  requested: RequestedSettings,
): Promise<{ check: AppliedCheck; links?: KeyLinks | undefined }> {
  const info = await fetchKeyInfo(options, key);
  return {
    check: info.ok ? { kind: 'checked', rows: compareApplied(requested, info.info) } : { kind: 'unchecked', failure: info.failure },
    // No links where WebCrypto is missing (an insecure context): the panel links the keys page.
    links: await sha256Hex(key).then(
      (hash) => keyLinks(options.origin, hash),
      () => undefined,
    ),
  };
}
