// GET /api/v1/key with the new key: what OpenRouter actually applied, compared with what was asked.
import { interpretAnswer, type ApiAnswer, type CommonReason, type Failed } from './answer';
import { snakeCase, type AuthKeysCodeRequestBody, type FormField } from './fields';

export const keyInfoUrl = (origin: string): string => new URL('/api/v1/key', origin).href;

/** How a setting's value is read, compared and shown. */
export type SettingKind = 'text' | 'usd' | 'interval' | 'instant' | 'uuid' | 'flag';

/** What asking for nothing means: OpenRouter picks a value of its own, or no request can ask for the setting. */
export type Unasked = 'openrouter-picks' | 'not-requestable';

interface AppliedRule {
  kind: SettingKind;
  /** The form field that asks for this setting. */
  asked?: FormField;
  /** When nothing was asked, the row only informs, for this reason; otherwise nothing asked is a value too (no limit, never). */
  unasked?: Unasked;
}

/**
 * The settings GET /api/v1/key reports (its `data` fields, camelCased), in the order of the
 * applied-settings table: each one's kind of value, and the form field that asks for it. Usage and
 * tier flags are not read: nothing shows them.
 */
export const APPLIED_SETTINGS = {
  // OpenRouter names a key without a label after the app.
  label: { kind: 'text', asked: 'keyLabel', unasked: 'openrouter-picks' },
  limit: { kind: 'usd', asked: 'limit' },
  limitRemaining: { kind: 'usd', unasked: 'not-requestable' },
  limitReset: { kind: 'interval', asked: 'usageLimitType' },
  expiresAt: { kind: 'instant', asked: 'expiresAt' },
  // Changed in the key's settings on OpenRouter only.
  includeByokInLimit: { kind: 'flag', unasked: 'not-requestable' },
  workspaceId: { kind: 'uuid', asked: 'workspaceId', unasked: 'openrouter-picks' },
} as const satisfies Record<string, AppliedRule>;

export type AppliedSetting = keyof typeof APPLIED_SETTINGS;

type KindValue = { text: string; usd: number; interval: string; instant: string; uuid: string; flag: boolean };

/** The JSON type OpenRouter sends each kind as. */
const JSON_TYPES: Record<SettingKind, 'string' | 'number' | 'boolean'> = {
  text: 'string',
  usd: 'number',
  interval: 'string',
  instant: 'string',
  uuid: 'string',
  flag: 'boolean',
};

/**
 * What GET /api/v1/key says of each setting. A setting is undefined when OpenRouter did not report
 * it (missing or of an unexpected type) and null when it reported null or empty text (no limit, no
 * reset, no expiry). `label`: OpenRouter reports the key's masked form here (`sk-or-v1-au7...890`),
 * not always its name; `expiresAt`: ISO 8601 UTC, as OpenRouter wrote it.
 */
export type KeyInfo = { [S in AppliedSetting]?: KindValue[(typeof APPLIED_SETTINGS)[S]['kind']] | null };

/** Why the check failed; the key itself is unaffected. `key-unknown`: a 401, often a key too new to be known yet. */
export type KeyInfoReason = CommonReason | 'key-unknown';

export type KeyInfoResult = { ok: true; info: KeyInfo } | Failed<KeyInfoReason>;

/**
 * Maps an answer from GET /api/v1/key; `key` (the new key) never appears in any returned text.
 * A 2xx needs `{"data":{…}}`; odd fields in it are left out, not fatal. Text is made safe to show:
 * without `key` (non-empty) or control characters, and bounded. Not redact(): its token rule would
 * blank a workspace UUID or a long label, a false difference.
 */
export const interpretKeyInfo = (answer: ApiAnswer, key: string): KeyInfoResult =>
  interpretAnswer<{ data?: Record<string, unknown> }, KeyInfoResult, KeyInfoReason>(
    answer,
    [key],
    (body) => {
      const data = body?.data;
      // JSON.parse makes objects with Object's prototype; null, arrays and plain values fail this (as
      // would an own `constructor` field, which OpenRouter does not send).
      if (data?.constructor !== Object) return;
      const info: Record<string, unknown> = {};
      for (const [name, { kind }] of Object.entries(APPLIED_SETTINGS)) {
        const value = data[snakeCase(name)];
        if (value === null || typeof value === JSON_TYPES[kind]) {
          info[name] =
            typeof value === 'string'
              ? value
                  .replaceAll(key, '[redacted]')
                  .replace(/[\0-\x1f\x7f-\x9f]/g, ' ')
                  .trim()
                  .slice(0, 200) || null
              : value;
        }
      }
      return { ok: true, info };
    },
    { 401: 'key-unknown' },
  );

// ---- Requested versus applied ----

export type Verdict = 'same' | 'differs' | 'info';

/** A value as compared and shown: text, a `$` amount, a lowercase interval, a UTC time, a lowercase UUID, or a flag. */
export type AppliedValue = string | boolean;

export interface AppliedRow {
  setting: AppliedSetting;
  /** What was asked for; null: nothing (no limit, never, none). */
  requested: AppliedValue | null;
  /** What the key has; null: none; undefined: OpenRouter did not report it. */
  applied: AppliedValue | null | undefined;
  verdict: Verdict;
  /** Nothing was asked, and that only informs: see Unasked. */
  unasked?: Unasked | undefined;
  /** The label OpenRouter reports is the key's masked form, not its name: nothing to compare. */
  maskedLabel?: true | undefined;
}

/** `$5.00`, `$1,000,000.00`, `$4.8984`. */
export const formatUsd = (amount: number): string => '$' + amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** `2027-01-01 00:00:00 UTC`, whole seconds; `text` itself when it is not a date. */
export function formatUtc(text: string): string {
  const date = new Date(text);
  return isNaN(+date) ? text : date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/**
 * A value as it is compared and shown: values agree when they read the same, to the shown precision
 * (cents and up to four decimals, whole seconds), whatever the case of an interval or a UUID.
 */
function comparable(kind: SettingKind, value: string | number | boolean): AppliedValue {
  if (typeof value !== 'string') return typeof value === 'number' ? formatUsd(value) : value;
  if (kind === 'instant') return formatUtc(value);
  return kind === 'interval' || kind === 'uuid' ? value.toLowerCase() : value;
}

/** One row per setting: what the form asked for, what the key has, and whether they agree. */
export function compareApplied(requested: Partial<AuthKeysCodeRequestBody>, info: KeyInfo): AppliedRow[] {
  return Object.entries(APPLIED_SETTINGS).map(([name, rule]: [string, AppliedRule]) => {
    const setting = name as AppliedSetting;
    const want = rule.asked && requested[rule.asked];
    const got = info[setting];
    const asked = want == null ? null : comparable(rule.kind, want);
    const applied = got == null ? got : comparable(rule.kind, got);
    const unasked = asked === null ? rule.unasked : undefined;
    // OpenRouter's masked key form, `sk-or-v1-au7...890`, is not the key's name.
    const maskedLabel = setting === 'label' && typeof got === 'string' && got.startsWith('sk-or-') ? true : undefined;
    let verdict: Verdict = asked === applied ? 'same' : 'differs';
    if (unasked || maskedLabel || applied === undefined) verdict = 'info';
    return { setting, requested: asked, applied, verdict, unasked, maskedLabel };
  });
}
