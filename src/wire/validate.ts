// Validators for every form field. Each takes the raw control text and returns the value to send
// (undefined when left empty), or an error that says what is wrong and how to fix it.
import { FORM_FIELDS, type AuthKeysCodeRequestBody, type CodeChallengeMethod, type FormField, type FormValues, type UsageLimitType } from './fields';
import { parseLocalDateTime, toUtcSeconds } from './expiry';

export type Checked<T> = { ok: true; value: T | undefined; hint?: string } | { ok: false; error: string };

export const ok = <T>(value?: T, hint?: string): Checked<T> => ({ ok: true, value, hint });
export const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

/** Trims the text; an empty field is valid and sends nothing. */
export const optional =
  <T, A extends unknown[]>(check: (text: string, ...rest: A) => Checked<T>) =>
  (raw: string, ...rest: A): Checked<T> =>
    (raw = raw.trim()) ? check(raw, ...rest) : ok();

/**
 * Parses a full URL, refuses one that carries a user name or password, and hands it to `check`
 * for the rules of its field.
 */
export function checkUrl(text: string, check: (url: URL) => Checked<string>): Checked<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('Enter a full https:// URL.');
  }
  return url.username || url.password ? bad('Remove the user name and password.') : check(url);
}

// Older OpenRouter docs allowed https only on ports 443 and 3000; newer ones do not say. Warn, do not block.
export const checkCallbackUrl = (raw: string) =>
  checkUrl(raw.trim(), ({ port, href, protocol }) =>
    href.includes('#')
      ? bad('Remove the #fragment.')
      : !/^https:|^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(href)
        ? bad('Use https:// (http:// only on localhost or 127.0.0.1).')
        : ok(href, protocol === 'https:' && port && port !== '3000' ? `OpenRouter may refuse port ${port}; 443 and 3000 are safe.` : undefined),
  );

export const checkKeyLabel = optional((text): Checked<string> => {
  const length = [...text].length;
  return /[\0-\x1f\x7f-\x9f]/.test(text)
    ? bad('Remove line breaks, tabs and control characters.')
    : length > 100
      ? bad(`Use at most 100 characters (this has ${length}).`)
      : ok(text);
});

export const checkLimit = optional((text): Checked<number> =>
  text[0] === '-'
    ? bad('Use 0 or more.')
    : !/^(\d+\.?\d*|\.\d+)$/.test(text)
      ? bad('Enter plain digits.')
      : /\.\d{3}/.test(text)
        ? bad('Use whole cents: at most 2 decimals.')
        : +text > 1e6
          ? bad('Enter at most 1000000.')
          : ok(+text),
);

export function checkUsageLimitType(raw: string): Checked<UsageLimitType> {
  return ['', 'daily', 'weekly', 'monthly'].includes(raw) ? ok((raw || undefined) as UsageLimitType | undefined) : bad('Use daily, weekly or monthly.');
}

export const checkExpiresAt = optional((text, now: Date): Checked<string> => {
  const date = parseLocalDateTime(text);
  return !date ? bad('Enter a full date and time, or choose Never.') : date > now ? ok(toUtcSeconds(date)) : bad('Pick a time in the future.');
});

export function checkCodeChallengeMethod(raw: string): Checked<CodeChallengeMethod> {
  return raw === 'S256' ? ok(raw) : raw === 'plain' ? ok(raw, 'Anyone who sees the URL can redeem the code. Prefer S256.') : bad('Use S256 or plain.');
}

export const checkWorkspaceId = optional((text): Checked<string> =>
  /^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(text) ? ok(text.toLowerCase()) : bad('Enter a UUID: 8-4-4-4-12 hex digits.'),
);

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

/**
 * Runs one check per field, in the order of `checks`: the values of the valid, non-empty fields,
 * and a report for every field with an error or a hint, in that same order.
 */
export function checkFields<F extends string, V>(checks: Record<F, (raw: string) => Checked<V>>, raw: (field: F) => string) {
  const values: Partial<Record<F, V>> = {};
  const reports: Partial<Record<F, FieldReport>> = {};
  let valid = true;
  for (const field of Object.keys(checks) as F[]) {
    const result = checks[field](raw(field));
    if (!result.ok) {
      reports[field] = { error: result.error };
      valid = false;
    } else {
      if (result.value !== undefined) values[field] = result.value;
      if (result.hint) reports[field] = { hint: result.hint };
    }
  }
  return { values, reports, valid };
}

/** Each form field's check, typed by the field's wire type. */
const FORM_CHECKS: { [F in FormField]: (raw: string, now: Date) => Checked<NonNullable<AuthKeysCodeRequestBody[F]>> } = {
  callbackUrl: checkCallbackUrl,
  keyLabel: checkKeyLabel,
  limit: checkLimit,
  usageLimitType: checkUsageLimitType,
  expiresAt: checkExpiresAt,
  codeChallengeMethod: checkCodeChallengeMethod,
  workspaceId: checkWorkspaceId,
};

export function checkForm(values: FormValues, now: Date): FormCheck {
  // One check per field, in form order, which is the order of the reports.
  const checks = Object.fromEntries(FORM_FIELDS.map((field) => [field, (raw: string) => FORM_CHECKS[field](raw, now)]));
  const { values: body, ...rest } = checkFields(checks as Record<FormField, (raw: string) => Checked<unknown>>, (field) => values[field]);
  // Each check returns its own field's wire type (a number for the limit, an enum for the reset).
  return { body: body as Partial<AuthKeysCodeRequestBody>, ...rest };
}
