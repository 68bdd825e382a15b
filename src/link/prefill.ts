// Keymint's own link format: query parameters that prefill the form for docs authors. A link only
// ever fills in values; the reader still presses Authorize, so a link cannot start a sign-in.
import { toLocalDateTimeValue } from '../wire/expiry';
import type { FormField, FormValues } from '../wire/fields';
import { checkCodeChallengeMethod, checkKeyLabel, checkLimit, checkUsageLimitType, checkWorkspaceId, type Checked } from '../wire/validate';

export type Mode = 'redirect' | 'popup' | 'paste';
export const MODES: readonly Mode[] = ['redirect', 'popup', 'paste'];
export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

export interface Prefill {
  values: Partial<FormValues>;
  mode?: Mode;
  theme?: Theme;
  /** One line per parameter that was ignored, saying why. */
  notes: string[];
}

const UTC_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const RELATIVE_RE = /^(\d{1,5})([dh])$/;
const HOUR_MS = 3_600_000;
/** A relative expiry further out than this is almost certainly a typo. */
const MAX_RELATIVE_MS = 3650 * 24 * HOUR_MS;

/** The `datetime-local` value for an absolute UTC expiry in the link. */
function fromUtc(raw: string, now: Date): Checked<string> {
  const date = new Date(raw);
  if (!UTC_RE.test(raw) || Number.isNaN(date.getTime())) return { ok: false, error: 'use UTC with seconds, like 2027-01-31T12:00:00Z.' };
  return date > now ? { ok: true, value: toLocalDateTimeValue(date) } : { ok: false, error: 'that time has passed.' };
}

/** The `datetime-local` value for `7d`, `30d`, `12h` after `now`, to the second. */
function fromRelative(raw: string, now: Date): Checked<string> {
  const match = RELATIVE_RE.exec(raw);
  const ms = match ? Number(match[1]) * (match[2] === 'd' ? 24 : 1) * HOUR_MS : 0;
  if (!ms || ms > MAX_RELATIVE_MS) return { ok: false, error: 'use a number of days or hours, like 7d, 30d or 12h.' };
  const at = new Date(now.getTime() + ms);
  at.setMilliseconds(0);
  return { ok: true, value: toLocalDateTimeValue(at) };
}

/** Keeps the raw text when the validator accepts it, so the form shows what the link said. */
const asIs = (check: (raw: string) => Checked<unknown>) => (raw: string): Checked<string> => {
  const result = check(raw);
  return result.ok ? { ok: true, value: raw.trim() } : result;
};

const FIELD_PARAMS: Record<string, [FormField, (raw: string, now: Date) => Checked<string>]> = {
  key_label: ['keyLabel', asIs(checkKeyLabel)],
  limit: ['limit', asIs(checkLimit)],
  usage_limit_type: ['usageLimitType', asIs(checkUsageLimitType)],
  expires_at: ['expiresAt', fromUtc],
  expires_in: ['expiresAt', fromRelative],
  workspace_id: ['workspaceId', asIs(checkWorkspaceId)],
  code_challenge_method: ['codeChallengeMethod', asIs(checkCodeChallengeMethod)],
};

const oneOf = <T extends string>(allowed: readonly T[], raw: string): T | undefined =>
  (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;

/** A parameter name as it may be echoed in a note: short and printable. */
const shown = (name: string) => JSON.stringify(name.length > 40 ? name.slice(0, 39) + '…' : name);

/** Reads a page query (`location.search`) into form values, mode and theme. Never throws. */
export function parsePrefill(search: string, now: Date): Prefill {
  const prefill: Prefill = { values: {}, notes: [] };
  const seen = new Set<string>();
  const ignore = (name: string, why: string) => prefill.notes.push(`Ignored ${shown(name)}: ${why}`);

  const params = new URLSearchParams(search);
  for (const [name, raw] of params) {
    if (seen.has(name)) {
      ignore(name, 'it appears more than once; the first one counts.');
      continue;
    }
    seen.add(name);
    const field = FIELD_PARAMS[name];
    if (Object.hasOwn(FIELD_PARAMS, name) && field) {
      if (name === 'expires_in' && params.has('expires_at')) {
        ignore(name, 'expires_at is also given.');
        continue;
      }
      const result = field[1](raw, now);
      if (!result.ok) ignore(name, result.error.charAt(0).toLowerCase() + result.error.slice(1));
      else prefill.values[field[0]] = result.value ?? '';
    } else if (name === 'mode') {
      const mode = oneOf(MODES, raw);
      if (mode) prefill.mode = mode;
      else ignore(name, 'use redirect, popup or paste.');
    } else if (name === 'theme') {
      const theme = oneOf(THEMES, raw);
      if (theme) prefill.theme = theme;
      else ignore(name, 'use light or dark.');
    } else if (name === 'callback_url') {
      ignore(name, 'the callback is always this page.');
    } else {
      ignore(name, 'Keymint does not know this parameter.');
    }
  }
  return prefill;
}
