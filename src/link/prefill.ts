// Keymint's own link format: query parameters that prefill the form for docs authors. A link only
// ever fills in values; the reader still presses Authorize, so a link cannot start a sign-in.
import { toLocalDateTimeValue, toUtcSeconds } from '../wire/expiry';
import { blankForm, FORM_FIELDS, WIRE_NAMES, type FormValues } from '../wire/fields';
import { checkForm } from '../wire/validate';

const MODES = ['redirect', 'popup', 'paste'] as const;
const THEMES = ['light', 'dark'] as const;
export type Mode = (typeof MODES)[number];
export type Theme = (typeof THEMES)[number];
const CHOICES = new Map<string, readonly string[]>([
  ['mode', MODES],
  ['theme', THEMES],
]);

export interface Prefill {
  values: Partial<FormValues>;
  mode?: Mode;
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

/** Reads a page query (`location.search`) into form values, mode and theme. Never throws. */
export function parsePrefill(search: string, now: Date): Prefill {
  const prefill: Prefill = { values: {}, notes: [] };
  const seen = new Set<string>();
  const params = new URLSearchParams(search);
  for (const [name, raw] of params) {
    // expires_in fills the same field as expires_at.
    const field = FORM_FIELDS.find((f) => WIRE_NAMES[f] === name.replace('_in', '_at'));
    const choices = CHOICES.get(name);
    const value = field === 'expiresAt' ? localExpiry(name, raw.trim(), now) : raw.trim();
    const why = seen.has(name)
      ? 'Repeated; the first counts.'
      : choices
        ? !choices.includes(raw) && `Use ${choices.join(' or ')}.`
        : !field
          ? 'Unknown parameter.'
          : field === 'callbackUrl'
            ? 'The callback is always this page.'
            : name === 'expires_in' && params.has('expires_at')
              ? 'expires_at is also given.'
              : value === undefined
                ? name === 'expires_at'
                  ? 'Use UTC like 2027-01-31T12:00:00Z.'
                  : 'Use 7d, 12h or the like, up to 3650d.'
                : // The form's own validators, so a link accepts exactly what the form does.
                  checkForm({ ...blankForm(''), [field]: value }, now).reports[field]?.error;
    seen.add(name);
    if (why) prefill.notes.push(`Ignored ${JSON.stringify(name.slice(0, 40))}: ${why}`);
    // A valid mode or theme, or a field's value.
    else Object.assign(choices ? prefill : prefill.values, { [field ?? name]: value });
  }
  return prefill;
}
