// Keymint's own link format: query parameters that prefill the form for docs authors. A link only
// ever fills in values; the reader still presses Authorize, so a link cannot start a sign-in.
import { toLocalDateTimeValue, toUtcSeconds } from '../wire/expiry';
import { blankForm, checkForm, FORM_FIELDS, WIRE_NAMES, type AuthKeysCodeRequestBody, type FormField, type FormValues } from '../wire/fields';
import { toWireBody } from '../wire/request';
import { SIGN_IN_MODE_NAMES, type SignInMode } from '../wire/sign-in-modes';
import type { Problem } from '../wire/validate';

// A link may pick any mode but minting with a key: that one needs the reader's own key.
const MODES = SIGN_IN_MODE_NAMES.filter((mode) => mode !== 'key');
const THEMES = ['light', 'dark'] as const;
export type LinkMode = Exclude<SignInMode, 'key'>;
export type Theme = (typeof THEMES)[number];
const CHOICES = new Map<string, readonly string[]>([
  ['mode', MODES],
  ['theme', THEMES],
]);

/** Why a link parameter is ignored: the form's own problem with its value, or one of the link's. */
export type LinkProblem =
  | Problem
  | { problem: 'repeated' }
  | { problem: 'unknown-parameter' }
  /** The callback is always this page. */
  | { problem: 'callback-is-page' }
  /** A link must not weaken PKCE: the method is chosen in the form. */
  | { problem: 'method-in-form' }
  /** `expires_in` beside `expires_at`, which wins. */
  | { problem: 'both-expiries' }
  /** `expires_at` that is not UTC with seconds, like 2027-01-31T12:00:00Z. */
  | { problem: 'not-utc' }
  /** `expires_in` that is not like 7d or 12h, up to 3650 days. */
  | { problem: 'not-duration' };

export interface IgnoredParameter {
  /** The parameter's name, cut to 40 characters. */
  name: string;
  problem: LinkProblem;
}

export interface Prefill {
  values: Partial<FormValues>;
  mode?: LinkMode;
  theme?: Theme;
  /** `expires_in` as the link gave it (`7d`) when it set the expiry: the form keeps it relative. */
  expiresIn?: string;
  /** Every parameter that was ignored, and why. */
  notes: IgnoredParameter[];
}

/** The `datetime-local` value for `expires_at` (UTC, to the second) or `expires_in` (`7d`, `12h` from now). */
function localExpiry(name: string, text: string, now: Date): string | undefined {
  if (name === 'expires_at') {
    const at = new Date(text);
    // Writing the date back in UTC refuses other offsets, missing seconds and 31 February; fractions of a second are cut.
    return isNaN(+at) || toUtcSeconds(at) !== text.slice(0, 19) + 'Z' ? undefined : toLocalDateTimeValue(at);
  }
  const [, count, unit] = /^(\d+)([dh])$/.exec(text) ?? [];
  const hours = Number(count) * (unit === 'd' ? 24 : 1);
  // Further out than ten years, a relative expiry is almost certainly a typo.
  if (!(hours <= 87_600)) return undefined;
  return toLocalDateTimeValue(new Date(+now + hours * 3_600_000));
}

/** Why a link parameter is ignored, or undefined when it is taken. */
function whyIgnored(
  name: string,
  raw: string,
  value: string | undefined,
  field: FormField | undefined,
  params: URLSearchParams,
  now: Date,
): LinkProblem | undefined {
  const choices = CHOICES.get(name);
  if (choices) return choices.includes(raw) ? undefined : { problem: 'not-one-of', choices };
  if (!field) return { problem: 'unknown-parameter' };
  if (field === 'callbackUrl') return { problem: 'callback-is-page' };
  // A link must not weaken PKCE: plain puts the verifier itself in the /auth URL.
  if (field === 'codeChallengeMethod') return { problem: 'method-in-form' };
  if (name === 'expires_in' && params.has('expires_at')) return { problem: 'both-expiries' };
  if (value === undefined) return { problem: name === 'expires_at' ? 'not-utc' : 'not-duration' };
  // The form's own checks, so a link accepts exactly what the form does.
  return checkForm({ ...blankForm(''), [field]: value }, now).reports[field]?.problem;
}

/** Reads a page query (`location.search`) into form values, mode and theme. Never throws. */
export function parsePrefill(search: string, now: Date): Prefill {
  const prefill: Prefill = { values: {}, notes: [] };
  const seen = new Set<string>();
  const params = new URLSearchParams(search);
  for (const [name, raw] of params) {
    // expires_in fills the same field as expires_at.
    const field = FORM_FIELDS.find((f) => WIRE_NAMES[f] === name.replace('_in', '_at'));
    const value = field === 'expiresAt' ? localExpiry(name, raw.trim(), now) : raw.trim();
    const problem: LinkProblem | undefined = seen.has(name) ? { problem: 'repeated' } : whyIgnored(name, raw, value, field, params, now);
    seen.add(name);
    if (problem) prefill.notes.push({ name: name.slice(0, 40), problem });
    else {
      // A valid mode or theme, or a field's value.
      Object.assign(CHOICES.has(name) ? prefill : prefill.values, { [field ?? name]: value });
      if (name === 'expires_in') prefill.expiresIn = raw.trim();
    }
  }
  return prefill;
}

/**
 * The prefill of settings a sign-in asked for, read as a link's are: back from a redirect sign-in
 * the form shows them again, whatever the answer. A relative expiry (`expiresIn`, `7d`) comes back
 * relative, counted from `now`; the method is the form's own (no link may set it).
 */
export function prefillOfRequested(
  { codeChallengeMethod, expiresIn, ...asked }: Partial<AuthKeysCodeRequestBody> & { expiresIn?: string | undefined },
  now: Date,
): Prefill {
  const query = new URLSearchParams(toWireBody(asked) as Record<string, string>);
  if (expiresIn) {
    query.delete('expires_at');
    query.set('expires_in', expiresIn);
  }
  const prefill = parsePrefill('?' + query, now);
  if (codeChallengeMethod) prefill.values.codeChallengeMethod = codeChallengeMethod;
  return prefill;
}
