// Deep links into OpenRouter for one key, by the lowercase hex SHA-256 of the key. They open only
// for the signed-in owner; anyone else gets a 404.

declare const keyHash: unique symbol;
/** 64 lowercase hex digits, as only sha256Hex makes them: safe in a path or a query unescaped. */
export type KeyHash = string & { readonly [keyHash]: true };

export interface KeyLinks {
  /** The key's settings page: name, limits, BYOK, disable or delete. */
  settings: string;
  /** The activity log filtered to this key. */
  activity: string;
}

export function keyLinks(origin: string, hash: KeyHash): KeyLinks {
  const link = (prefix: string) => new URL(prefix + hash, origin).href;
  return { settings: link('/keys/'), activity: link('/logs?api_key_hash=') };
}
