// Server text is untrusted and may echo secrets back; it is cut down before anyone sees it.

export const MAX_DETAIL = 200;

/** Text safe to show: no key-like or token-like runs, no given secrets, no control characters, bounded. */
export function redact(text: string, secrets: readonly string[] = []): string {
  for (const secret of secrets) if (secret.length > 3) text = text.replaceAll(secret, '[redacted]');
  // Codes, verifiers and keys (sk-or-v1-…) are long base64url/hex runs; no useful error message has one.
  text = text
    .replace(/[\w~.-]{32,}/g, '[redacted]')
    .replace(/[\0-\x1f\x7f-\x9f]+/g, ' ')
    .trim();
  return text.length > MAX_DETAIL ? text.slice(0, MAX_DETAIL - 1) + '…' : text;
}
