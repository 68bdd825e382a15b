// The key's identifier in OpenRouter's links: lowercase hex SHA-256 of the key's UTF-8 bytes.
import type { KeyHash } from '../wire/key-links';

export async function sha256Hex(key: string): Promise<KeyHash> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('') as KeyHash;
}
