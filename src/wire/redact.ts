// Server text is untrusted and may echo secrets back; it is cut down before anyone sees it.

// Codes, verifiers and keys (sk-or-v1-…) are long base64url/hex runs; no useful error message contains one.
const TOKEN_RE = /[A-Za-z0-9_~.-]{32,}/g;
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]+/g;

export const MAX_DETAIL = 200;

/** Text safe to show: no key-like or token-like runs, no given secrets, no control characters, bounded. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  out = out.replace(TOKEN_RE, '[redacted]').replace(CONTROL_RE, ' ').trim();
  return out.length > MAX_DETAIL ? out.slice(0, MAX_DETAIL - 1) + '…' : out;
}
