// Deep links into OpenRouter for one key, by the lowercase hex SHA-256 of the key. They open only
// for the signed-in owner; anyone else gets a 404.

export interface KeyLinks {
  /** The key's settings page: name, limits, BYOK, disable or delete. */
  settings: string;
  /** The activity log filtered to this key. */
  activity: string;
}

const SHA256_HEX_RE = /^[0-9a-f]{64}$/;

/** Throws a RangeError (without echoing the input) unless `sha256Hex` is 64 lowercase hex digits. */
export function keyLinks(origin: string, sha256Hex: string): KeyLinks {
  if (!SHA256_HEX_RE.test(sha256Hex)) throw new RangeError('A key hash is 64 lowercase hexadecimal digits.');
  const activity = new URL('/logs', origin);
  activity.searchParams.set('api_key_hash', sha256Hex);
  return { settings: new URL(`/keys/${sha256Hex}`, origin).href, activity: activity.href };
}
