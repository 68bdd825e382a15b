// GET /api/v1/key with the new key: what OpenRouter actually applied, compared with what was asked.
import { interpretAnswer, type ApiAnswer, type CommonReason, type Failed } from './answer';
import { snakeCase, type AuthKeysCodeRequestBody } from './fields';

export const keyInfoUrl = (origin: string): string => new URL('/api/v1/key', origin).href;

/**
 * The fields of GET /api/v1/key's `data` that the check shows, camelCased. A field is undefined when
 * OpenRouter did not report it (missing or of an unexpected type) and null when it reported null or
 * empty text (no limit, no reset, no expiry).
 */
export interface KeyInfo {
  /** OpenRouter reports the key's masked form here (`sk-or-v1-au7...890`), not always its name. */
  label?: string | null;
  limit?: number | null;
  limitRemaining?: number | null;
  limitReset?: string | null;
  includeByokInLimit?: boolean | null;
  /** ISO 8601 UTC, as OpenRouter wrote it. */
  expiresAt?: string | null;
  workspaceId?: string | null;
}

// Each field read, with a value of its type. Usage and tier flags are not read: nothing shows them.
const SAMPLE: Required<KeyInfo> = { label: '', limit: 0, limitRemaining: 0, limitReset: '', includeByokInLimit: false, expiresAt: '', workspaceId: '' };

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
      for (const name in SAMPLE) {
        const value = data[snakeCase(name)];
        if (value === null || typeof value === typeof SAMPLE[name as keyof KeyInfo]) {
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

export interface AppliedRow {
  title: string;
  requested: string;
  applied: string;
  verdict: Verdict;
  /** Why a row is only informational, or what to do about it. */
  note?: string | undefined;
}

const NOT_REQUESTABLE = 'Not requestable';

/** `$5.00`, `$1,000,000.00`, `$4.8984`; none is no limit. */
export const formatUsd = (amount?: number | null): string =>
  amount == null ? 'No limit' : '$' + amount.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** `2027-01-01 00:00:00 UTC`, whole seconds; `text` itself when it is not a date. */
export function formatUtc(text: string): string {
  const date = new Date(text);
  return isNaN(+date) ? text : date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/** One row per setting: what the form asked for, what the key has, and whether they agree. */
export function compareApplied(requested: Partial<AuthKeysCodeRequestBody>, info: KeyInfo): AppliedRow[] {
  const asked: KeyInfo = { ...requested, label: requested.keyLabel, limitReset: requested.usageLimitType };
  /**
   * Nothing asked is a value too (no limit, never) unless `unset` says what it means instead; then,
   * as with a `note`, the row only informs. Values agree when both or neither are none and they read
   * the same: what is compared is what is shown, to the shown precision.
   */
  const row = <K extends keyof KeyInfo>(id: K, title: string, show: (value: KeyInfo[K]) => string, unset?: string, note?: string): AppliedRow => {
    const want = asked[id];
    const got = info[id];
    const free = !!unset && want == null;
    const requested = free ? unset! : show(want);
    const applied = got === undefined ? 'Not reported' : show(got);
    const same = (want == null) === (got === null) && requested === applied;
    return { title, requested, applied, verdict: free || note || got === undefined ? 'info' : same ? 'same' : 'differs', note };
  };
  return [
    // OpenRouter's masked key form, `sk-or-v1-au7...890`, is not the key's name: nothing to compare.
    row('label', 'Label', (v) => v || 'None', 'Not set: app name', info.label?.startsWith('sk-or-') ? 'Masked key, not the name.' : undefined),
    row('limit', 'Credit limit', formatUsd),
    row('limitRemaining', 'Limit remaining', formatUsd, NOT_REQUESTABLE),
    row('limitReset', 'Limit resets', (v) => (v ? v[0]!.toUpperCase() + v.slice(1).toLowerCase() : 'Never')),
    row('expiresAt', 'Expires', (v) => (v ? formatUtc(v) : 'Never')),
    row('includeByokInLimit', 'BYOK in limit', (v) => (v == null ? 'Not reported' : v ? 'Yes' : 'No'), NOT_REQUESTABLE, 'Set in key settings.'),
    // Workspace IDs are UUIDs, the same in any case; the form sends them in lowercase.
    row('workspaceId', 'Workspace', (v) => v?.toLowerCase() || 'None', 'Not set: default'),
  ];
}
