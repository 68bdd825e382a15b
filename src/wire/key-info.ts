// GET /api/v1/key with the new key: what OpenRouter actually applied, compared with what was asked.
import type { AuthKeysCodeRequestBody } from './fields';
import { errorMessageOf } from './exchange';

export function keyInfoUrl(origin: string): string {
  return new URL('/api/v1/key', origin).href;
}

/**
 * The `data` of GET /api/v1/key, camelCased. A field is undefined when OpenRouter did not report it
 * (missing or of an unexpected type) and null when it reported null (no limit, no reset, no expiry).
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
  usage?: number | null;
  usageDaily?: number | null;
  usageWeekly?: number | null;
  usageMonthly?: number | null;
  isFreeTier?: boolean | null;
  isManagementKey?: boolean | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]+/g;
const MAX_TEXT = 200;

/** Server text made safe to show: no given secrets, no control characters, bounded. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  out = out.replace(CONTROL_RE, ' ').trim();
  return out.length > MAX_TEXT ? out.slice(0, MAX_TEXT - 1) + '…' : out;
}

type Kind = 'string' | 'number' | 'boolean';
const FIELDS: readonly (readonly [keyof KeyInfo, string, Kind])[] = [
  ['label', 'label', 'string'],
  ['limit', 'limit', 'number'],
  ['limitRemaining', 'limit_remaining', 'number'],
  ['limitReset', 'limit_reset', 'string'],
  ['includeByokInLimit', 'include_byok_in_limit', 'boolean'],
  ['expiresAt', 'expires_at', 'string'],
  ['workspaceId', 'workspace_id', 'string'],
  ['usage', 'usage', 'number'],
  ['usageDaily', 'usage_daily', 'number'],
  ['usageWeekly', 'usage_weekly', 'number'],
  ['usageMonthly', 'usage_monthly', 'number'],
  ['isFreeTier', 'is_free_tier', 'boolean'],
  ['isManagementKey', 'is_management_key', 'boolean'],
];

/** Reads `{"data":{…}}`; null when the answer is not of that shape. Odd fields are left out, not fatal. */
export function parseKeyInfo(body: unknown, secrets: readonly string[] = []): KeyInfo | null {
  if (!isRecord(body) || !isRecord(body.data)) return null;
  const data = body.data;
  const info: Record<string, string | number | boolean | null> = {};
  for (const [name, wire, kind] of FIELDS) {
    const value = data[wire];
    if (value === null) info[name] = null;
    else if (kind === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === kind) {
      info[name] = typeof value === 'string' ? scrub(value, secrets) : (value as number | boolean);
    }
  }
  return info as KeyInfo;
}

export type KeyInfoFailureReason = 'invalid-key' | 'rate-limited' | 'server-error' | 'malformed' | 'rejected' | 'network' | 'timeout';

export interface KeyInfoFailure {
  reason: KeyInfoFailureReason;
  /** True when checking again may work. */
  retryable: boolean;
  status?: number;
  /** One short sentence; the key itself is unaffected by a failed check. */
  message: string;
  /** OpenRouter's own error message, redacted. */
  detail?: string;
}

export type KeyInfoResult = { ok: true; info: KeyInfo } | { ok: false; failure: KeyInfoFailure };

function fail(reason: KeyInfoFailureReason, message: string, status?: number, detail?: string): KeyInfoResult {
  const f: KeyInfoFailure = { reason, retryable: reason !== 'rejected', message };
  if (status) f.status = status;
  if (detail) f.detail = detail;
  return { ok: false, failure: f };
}

/** Maps an answer from GET /api/v1/key; `secrets` (the new key) never appear in any returned text. */
export function interpretKeyInfo(status: number, bodyText: string, secrets: readonly string[]): KeyInfoResult {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON: judged by the status alone.
  }
  const detail = errorMessageOf(body, secrets);
  const f = (reason: KeyInfoFailureReason, message: string) => fail(reason, message, status, detail);
  if (status >= 200 && status < 300) {
    const info = parseKeyInfo(body, secrets);
    return info ? { ok: true, info } : f('malformed', 'OpenRouter’s answer about the key was unreadable.');
  }
  if (status === 401) return f('invalid-key', 'OpenRouter did not recognise the key for this check; a new key can take a moment to work.');
  if (status === 429) return f('rate-limited', 'OpenRouter is rate-limiting.');
  if (status === 408 || status >= 500) return f('server-error', `OpenRouter failed to answer the check (HTTP ${status}).`);
  return f('rejected', `OpenRouter refused the check (HTTP ${status}).`);
}

export function keyInfoNetworkFailure(kind: 'network' | 'timeout'): KeyInfoResult {
  return kind === 'timeout'
    ? fail('timeout', 'OpenRouter did not answer the check in time.')
    : fail('network', 'The check did not reach OpenRouter: offline, or blocked by the browser (CORS).');
}

// ---- Requested versus applied ----

export type AppliedRowId = 'label' | 'limit' | 'limitRemaining' | 'limitReset' | 'expiresAt' | 'includeByokInLimit' | 'workspaceId';
export type Verdict = 'same' | 'differs' | 'info';

export interface AppliedRow {
  id: AppliedRowId;
  title: string;
  requested: string;
  applied: string;
  verdict: Verdict;
  /** Why a row is only informational, or what to do about it. */
  note?: string;
}

const NOT_REPORTED = 'Not reported';
const NOT_REQUESTABLE = 'Not part of this request';
const RESETS: Record<string, string> = { daily: 'Daily', weekly: 'Weekly', monthly: 'Monthly' };
// OpenRouter's masked key form, `sk-or-v1-au7...890`; a name would rarely look like it.
const MASKED_KEY_RE = /^sk-or-/;

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** `$5.00`, `$1,000,000.00`, `$4.8984`. */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** `2027-01-01 00:00:00 UTC`, whole seconds; null when `text` is not a date. */
export function formatUtc(text: string): string | null {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

const resetName = (value: string | null) => (value === null ? 'Never' : RESETS[value.toLowerCase()] ?? value);
const limitText = (value: number | null) => (value === null ? 'No limit' : formatUsd(value));
const seconds = (text: string) => Math.floor(Date.parse(text) / 1000);

function labelRow(requested: string | undefined, applied: string | null | undefined): AppliedRow {
  const base = { id: 'label', title: 'Label' } as const;
  const asked = requested?.trim() || undefined;
  const has = applied?.trim() || null;
  const requestedText = asked ?? 'Not set: OpenRouter uses the app name';
  if (applied === undefined) return { ...base, requested: requestedText, applied: NOT_REPORTED, verdict: 'info' };
  if (has !== null && MASKED_KEY_RE.test(has)) {
    return {
      ...base,
      requested: requestedText,
      applied: has,
      verdict: 'info',
      note: 'OpenRouter reports the masked key here, not its name; see the name in OpenRouter’s key settings.',
    };
  }
  if (!asked) return { ...base, requested: requestedText, applied: has ?? 'None', verdict: 'info' };
  return { ...base, requested: asked, applied: has ?? 'None', verdict: asked === has ? 'same' : 'differs' };
}

function limitRow(requested: number | undefined, applied: number | null | undefined): AppliedRow {
  const base = { id: 'limit', title: 'Credit limit', requested: limitText(requested ?? null) } as const;
  if (applied === undefined) return { ...base, applied: NOT_REPORTED, verdict: 'info' };
  const same = requested === undefined ? applied === null : applied !== null && Math.round(requested * 100) === Math.round(applied * 100);
  return { ...base, applied: limitText(applied), verdict: same ? 'same' : 'differs' };
}

function resetRow(requested: string | undefined, applied: string | null | undefined): AppliedRow {
  const base = { id: 'limitReset', title: 'Limit resets', requested: resetName(requested ?? null) } as const;
  if (applied === undefined) return { ...base, applied: NOT_REPORTED, verdict: 'info' };
  const same = (requested ?? null) === (applied === null ? null : applied.toLowerCase());
  return { ...base, applied: resetName(applied), verdict: same ? 'same' : 'differs' };
}

function expiryRow(requested: string | undefined, applied: string | null | undefined): AppliedRow {
  const base = { id: 'expiresAt', title: 'Expires', requested: requested === undefined ? 'Never' : formatUtc(requested) ?? requested } as const;
  if (applied === undefined) return { ...base, applied: NOT_REPORTED, verdict: 'info' };
  const appliedText = applied === null ? 'Never' : formatUtc(applied) ?? applied;
  // Compared at second precision: OpenRouter may add or drop milliseconds.
  const same =
    requested === undefined || applied === null
      ? requested === undefined && applied === null
      : !Number.isNaN(Date.parse(applied)) && seconds(requested) === seconds(applied);
  return { ...base, applied: appliedText, verdict: same ? 'same' : 'differs' };
}

function workspaceRow(requested: string | undefined, applied: string | null | undefined): AppliedRow {
  const base = { id: 'workspaceId', title: 'Workspace' } as const;
  const appliedText = applied === undefined ? NOT_REPORTED : applied ?? 'None';
  if (requested === undefined || applied === undefined) {
    return { ...base, requested: requested ?? 'Not set: your default workspace', applied: appliedText, verdict: 'info' };
  }
  return { ...base, requested, applied: appliedText, verdict: applied?.toLowerCase() === requested.toLowerCase() ? 'same' : 'differs' };
}

/** One row per setting: what the form asked for, what the key has, and whether they agree. */
export function compareApplied(requested: Partial<AuthKeysCodeRequestBody>, info: KeyInfo): AppliedRow[] {
  const byok = info.includeByokInLimit;
  return [
    labelRow(requested.keyLabel, info.label),
    limitRow(requested.limit, info.limit),
    {
      id: 'limitRemaining',
      title: 'Limit remaining',
      requested: NOT_REQUESTABLE,
      applied: info.limitRemaining === undefined ? NOT_REPORTED : limitText(info.limitRemaining),
      verdict: 'info',
    },
    resetRow(requested.usageLimitType, info.limitReset),
    expiryRow(requested.expiresAt, info.expiresAt),
    {
      id: 'includeByokInLimit',
      title: 'BYOK usage counts toward the limit',
      requested: NOT_REQUESTABLE,
      applied: byok === undefined || byok === null ? NOT_REPORTED : byok ? 'Yes' : 'No',
      verdict: 'info',
      note: 'This flow cannot set it; only OpenRouter’s key settings can change it.',
    },
    workspaceRow(requested.workspaceId, info.workspaceId),
  ];
}
