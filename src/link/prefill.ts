// Keymint's own link format: query parameters that prefill the form for docs authors. A link only
// ever fills in values; the reader still presses Authorize, so a link cannot start a sign-in.
import { toLocalDateTimeValue, toUtcSeconds } from '../wire/expiry';
import { blankForm, FORM_FIELDS, WIRE_NAMES, type FormField, type FormValues } from '../wire/fields';
import { SIGN_IN_MODE_NAMES, type SignInMode } from '../wire/sign-in-modes';
import { checkForm } from '../wire/validate';

// A link may pick any mode but minting with a key: that one needs the reader's own key.
const MODES = SIGN_IN_MODE_NAMES.filter((mode) => mode !== 'key');
const THEMES = ['light', 'dark'] as const;
export type LinkMode = Exclude<SignInMode, 'key'>;
export type Theme = (typeof THEMES)[number];
const CHOICES = new Map<string, readonly string[]>([
  ['mode', MODES],
  ['theme', THEMES],
]);

export interface Prefill {
  values: Partial<FormValues>;
  mode?: LinkMode;
  theme?: Theme;
  /** One line per parameter that was ignored, saying why. */
  notes: string[];
}

/** The `datetime-local` value for `expires_at` (UTC, to the second) or `expires_in` (`7d`, `12h` from now). */
function localExpiry(name: string, text: string, now: Date): string | undefined {
  const [, count, unit] = /^(\d+)([dh])$/.exec(text) ?? [];
  const hours = Number(count) * (unit === 'd' ? 24 : 1);
  // Further out than ten years, a relative expiry is almost certainly a typo.
  const at = new Date(name === 'expires_at' ? text : hours > 87_600 ? NaN : +now + hours * 3_600_000);
  // Writing the date back in UTC refuses other offsets, missing seconds and 31 February; fractions of a second are cut.
  return isNaN(+at) || (name === 'expires_at' && toUtcSeconds(at) !== text.slice(0, 19) + 'Z') ? undefined : toLocalDateTimeValue(at);
}

/** Why a link parameter is ignored, or undefined when it is taken. */
function whyIgnored(
  name: string,
  raw: string,
  value: string | undefined,
  field: FormField | undefined,
  params: URLSearchParams,
  now: Date,
): string | undefined {
  const choices = CHOICES.get(name);
  if (choices) return choices.includes(raw) ? undefined : `Use ${choices.join(' or ')}.`;
  if (!field) return 'Unknown parameter.';
  if (field === 'callbackUrl') return 'The callback is always this page.';
  // A link must not weaken PKCE: plain puts the verifier itself in the /auth URL.
  if (field === 'codeChallengeMethod') return 'Choose it in the form.';
  if (name === 'expires_in' && params.has('expires_at')) return 'expires_at is also given.';
  if (value === undefined) return name === 'expires_at' ? 'Use UTC like 2027-01-31T12:00:00Z.' : 'Use 7d, 12h or the like, up to 3650d.';
  // The form's own validators, so a link accepts exactly what the form does.
  return checkForm({ ...blankForm(''), [field]: value }, now).reports[field]?.error;
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
    const why = seen.has(name) ? 'Repeated; the first counts.' : whyIgnored(name, raw, value, field, params, now);
    seen.add(name);
    if (why) prefill.notes.push(`Ignored ${JSON.stringify(name.slice(0, 40))}: ${why}`);
    // A valid mode or theme, or a field's value.
    else Object.assign(CHOICES.has(name) ? prefill : prefill.values, { [field ?? name]: value });
  }
  return prefill;
}
