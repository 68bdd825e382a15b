// Validators for every form field. Each takes the raw control text and returns the value to send
// (undefined when left empty), or an error that says exactly what is wrong.
import {
  CODE_CHALLENGE_METHODS,
  FORM_FIELDS,
  USAGE_LIMIT_TYPES,
  type AuthKeysCodeRequestBody,
  type CodeChallengeMethod,
  type FormField,
  type FormValues,
  type UsageLimitType,
} from './fields';
import { parseLocalDateTime, toUtcSeconds } from './expiry';

export type Checked<T> = { ok: true; value: T | undefined; hint?: string } | { ok: false; error: string };

export const KEY_LABEL_MAX = 100;
export const LIMIT_MAX_USD = 1_000_000;

const ok = <T>(value?: T, hint?: string): Checked<T> => (hint ? { ok: true, value, hint } : { ok: true, value });
const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

// C0, DEL and C1 control characters.
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLAIN_DOLLARS = 'Enter US dollars as plain digits, like 5 or 12.50.';

export function checkCallbackUrl(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return bad('Enter a callback URL.');
  if (text.includes('#')) return bad('Remove the #fragment: OpenRouter adds the code to the query.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('Enter a full URL, starting with https://');
  }
  if (url.username || url.password) return bad('Remove the user name and password.');
  if (url.protocol === 'http:') {
    return url.hostname === 'localhost' || url.hostname === '127.0.0.1'
      ? ok(url.href)
      : bad('Use https (http only for localhost or 127.0.0.1).');
  }
  if (url.protocol !== 'https:') return bad(`Use https://, not ${url.protocol}`);
  // Older OpenRouter docs allowed only 443 and 3000; newer ones do not say. Warn, do not block.
  return url.port && url.port !== '3000'
    ? ok(url.href, `Older OpenRouter docs allowed https only on ports 443 and 3000; port ${url.port} may be refused.`)
    : ok(url.href);
}

export function checkKeyLabel(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return ok();
  if (CONTROL_RE.test(text)) return bad('Remove tabs, line breaks and other control characters.');
  const length = [...text].length;
  return length > KEY_LABEL_MAX ? bad(`Use at most ${KEY_LABEL_MAX} characters (this has ${length}).`) : ok(text);
}

export function checkLimit(raw: string): Checked<number> {
  const text = raw.trim();
  if (!text) return ok();
  if (text.startsWith('-')) return bad('Use 0 or more; leave it empty for no limit.');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return bad(PLAIN_DOLLARS);
  if ((text.split('.')[1] ?? '').length > 2) return bad('Use whole cents: at most 2 decimals.');
  const value = Number(text);
  if (!Number.isFinite(value)) return bad(PLAIN_DOLLARS);
  return value > LIMIT_MAX_USD ? bad(`Enter at most ${LIMIT_MAX_USD} US dollars.`) : ok(value);
}

export function checkUsageLimitType(raw: string): Checked<UsageLimitType> {
  if (!raw) return ok();
  return (USAGE_LIMIT_TYPES as readonly string[]).includes(raw)
    ? ok(raw as UsageLimitType)
    : bad('Choose Never, Daily, Weekly or Monthly.');
}

export function checkExpiresAt(raw: string, now: Date): Checked<string> {
  const text = raw.trim();
  if (!text) return ok();
  const date = parseLocalDateTime(text);
  if (!date) return bad('Enter a complete date and time, or choose Never.');
  return date > now ? ok(toUtcSeconds(date)) : bad('Pick a time in the future.');
}

export function checkCodeChallengeMethod(raw: string): Checked<CodeChallengeMethod> {
  if (raw === 'plain') {
    return ok('plain', 'plain puts the verifier in the URL, so anyone who sees it can redeem the code. Prefer S256.');
  }
  return (CODE_CHALLENGE_METHODS as readonly string[]).includes(raw) ? ok('S256') : bad('Choose S256 or plain.');
}

export function checkWorkspaceId(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return ok();
  return UUID_RE.test(text)
    ? ok(text.toLowerCase())
    : bad('Enter a UUID, like 3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f.');
}

export interface FieldReport {
  error?: string;
  hint?: string;
}

export interface FormCheck {
  /** Every valid, non-empty field; invalid fields are left out. */
  body: Partial<AuthKeysCodeRequestBody>;
  reports: Partial<Record<FormField, FieldReport>>;
  valid: boolean;
}

const CHECKS: Record<FormField, (raw: string, now: Date) => Checked<string | number>> = {
  callbackUrl: checkCallbackUrl,
  keyLabel: checkKeyLabel,
  limit: checkLimit,
  usageLimitType: checkUsageLimitType,
  expiresAt: checkExpiresAt,
  codeChallengeMethod: checkCodeChallengeMethod,
  workspaceId: checkWorkspaceId,
};

export function checkForm(values: FormValues, now: Date): FormCheck {
  const body: Record<string, string | number> = {};
  const reports: Partial<Record<FormField, FieldReport>> = {};
  let valid = true;
  for (const field of FORM_FIELDS) {
    const result = CHECKS[field](values[field], now);
    if (!result.ok) {
      reports[field] = { error: result.error };
      valid = false;
      continue;
    }
    if (result.value !== undefined) body[field] = result.value;
    if (result.hint) reports[field] = { hint: result.hint };
  }
  return { body: body as Partial<AuthKeysCodeRequestBody>, reports, valid };
}
