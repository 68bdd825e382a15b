// POST /api/v1/auth/keys/code: creating an authorization code with a key the person already has,
// the app-attribution headers that go with it, and what each answer means for the person.
import type { AuthKeysCodeRequestBody } from './fields';
import { errorMessageOf } from './exchange';
import { redact } from './redact';
import { toWireBody } from './request';
import type { Checked } from './validate';

/** App attribution, in the TypeScript SDK's option names. */
export interface Attribution {
  httpReferer?: string;
  appTitle?: string;
  appCategories?: string;
}

export type AttributionField = keyof Attribution;

/** The one mapping from attribution option to header, as @openrouter/sdk sends them. */
export const ATTRIBUTION_HEADERS = {
  httpReferer: 'HTTP-Referer',
  appTitle: 'X-OpenRouter-Title',
  appCategories: 'X-OpenRouter-Categories',
} as const satisfies Record<AttributionField, string>;

export const ATTRIBUTION_FIELDS: readonly AttributionField[] = ['httpReferer', 'appTitle', 'appCategories'];

export const HTTP_REFERER_MAX = 2000;
export const APP_TITLE_MAX = 100;
/** OpenRouter's MAX_CATEGORIES_PER_REQUEST; it silently drops unknown categories. */
export const MAX_CATEGORIES_PER_REQUEST = 2;
export const CATEGORY_MAX_LENGTH = 30;

const ok = <T>(value?: T, hint?: string): Checked<T> => (hint ? { ok: true, value, hint } : { ok: true, value });
const bad = <T>(error: string): Checked<T> => ({ ok: false, error });

const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;
// fetch() only carries header values of single bytes; anything past ASCII would be mangled or refused.
const PRINTABLE_ASCII_RE = /^[\u0020-\u007e]*$/;
const CATEGORY_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkHttpReferer(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return ok();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('Enter your app’s full URL, starting with https://');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return bad(`Use an http(s) URL, not ${url.protocol}`);
  if (url.username || url.password) return bad('Remove the user name and password.');
  if (text.length > HTTP_REFERER_MAX) return bad(`Use at most ${HTTP_REFERER_MAX} characters.`);
  // Headers carry ASCII only: send the encoded form (punycode, %-escapes) and say so.
  return PRINTABLE_ASCII_RE.test(text) ? ok(text) : ok(url.href, `Sent as ${url.href} (headers carry ASCII only).`);
}

export function checkAppTitle(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return ok();
  if (CONTROL_RE.test(text)) return bad('Remove tabs, line breaks and other control characters.');
  const other = [...text].find((char) => !PRINTABLE_ASCII_RE.test(char));
  if (other) return bad(`Use plain ASCII letters, digits and punctuation: an HTTP header cannot carry “${other}”.`);
  return text.length > APP_TITLE_MAX ? bad(`Use at most ${APP_TITLE_MAX} characters (this has ${text.length}).`) : ok(text);
}

/** Comma-separated, lowercase-hyphenated, at most two; sent normalized as `a,b`. */
export function checkAppCategories(raw: string): Checked<string> {
  const parts = raw.split(',').map((part) => part.trim()).filter(Boolean);
  if (!parts.length) return ok();
  const unique = [...new Set(parts)];
  for (const part of unique) {
    if (part.length > CATEGORY_MAX_LENGTH) return bad(`“${part.slice(0, 40)}” is longer than ${CATEGORY_MAX_LENGTH} characters.`);
    if (!CATEGORY_RE.test(part)) {
      return bad(`“${part}” is not a category: use lowercase letters and digits joined by single hyphens, like cli-agent.`);
    }
  }
  if (unique.length > MAX_CATEGORIES_PER_REQUEST) {
    return bad(`Use at most ${MAX_CATEGORIES_PER_REQUEST} categories per request (this has ${unique.length}).`);
  }
  return ok(unique.join(','));
}

const ATTRIBUTION_CHECKS: Record<AttributionField, (raw: string) => Checked<string>> = {
  httpReferer: checkHttpReferer,
  appTitle: checkAppTitle,
  appCategories: checkAppCategories,
};

export interface AttributionCheck {
  /** Every valid, non-empty field; invalid ones are left out. */
  attribution: Attribution;
  reports: Partial<Record<AttributionField, { error?: string; hint?: string }>>;
  valid: boolean;
}

export function checkAttribution(values: Partial<Record<AttributionField, string>>): AttributionCheck {
  const attribution: Attribution = {};
  const reports: AttributionCheck['reports'] = {};
  let valid = true;
  for (const field of ATTRIBUTION_FIELDS) {
    const result = ATTRIBUTION_CHECKS[field](values[field] ?? '');
    if (!result.ok) {
      reports[field] = { error: result.error };
      valid = false;
      continue;
    }
    if (result.value !== undefined) attribution[field] = result.value;
    if (result.hint) reports[field] = { hint: result.hint };
  }
  return { attribution, reports, valid };
}

/** The existing key, pasted. Only its characters are checked: OpenRouter decides whether it works. */
export function checkApiKey(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return bad('Paste an OpenRouter API key.');
  if (/\s/.test(text)) return bad('Remove the spaces or line breaks inside the key: it may have been copied in pieces.');
  if (!PRINTABLE_ASCII_RE.test(text)) return bad('The key has characters no OpenRouter key has: copy it again.');
  return text.startsWith('sk-or-') ? ok(text) : ok(text, 'OpenRouter keys usually start with sk-or-v1-; this one may not work.');
}

/** Non-empty attribution as headers, in the SDK's vocabulary. */
export function attributionHeaders(attribution: Attribution): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const field of ATTRIBUTION_FIELDS) {
    const value = attribution[field];
    if (value) headers[ATTRIBUTION_HEADERS[field]] = value;
  }
  return headers;
}

export function createCodeUrl(origin: string): string {
  return new URL('/api/v1/auth/keys/code', origin).href;
}

export interface CreateCodeRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /** JSON, byte-for-byte what the TypeScript SDK sends for the same body. */
  body: string;
}

/** The exact request to send: Authorization carries the key in full. */
export function buildCreateCodeRequest(
  origin: string,
  apiKey: string,
  body: Partial<AuthKeysCodeRequestBody>,
  attribution: Attribution = {},
): CreateCodeRequest {
  return {
    method: 'POST',
    url: createCodeUrl(origin),
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', ...attributionHeaders(attribution) },
    body: JSON.stringify(toWireBody(body)),
  };
}

/** The same request for display: the key shows only its prefix and last four characters. */
export function describeCreateCodeRequest(
  origin: string,
  apiKey: string,
  body: Partial<AuthKeysCodeRequestBody>,
  attribution: Attribution = {},
): CreateCodeRequest {
  const request = buildCreateCodeRequest(origin, apiKey, body, attribution);
  return { ...request, headers: { ...request.headers, Authorization: redactBearer(apiKey) } };
}

const KEY_PREFIX = 'sk-or-v1-';
/** Below this many characters after the prefix, even the last four would say too much. */
const MIN_TAIL_SHOWN = 16;

/** `Bearer sk-or-v1-…abcd`: the prefix if present, then the last four; nothing of very short keys. */
export function redactBearer(apiKey: string): string {
  const key = apiKey.trim();
  const prefix = key.startsWith(KEY_PREFIX) ? KEY_PREFIX : '';
  const rest = key.slice(prefix.length);
  return `Bearer ${prefix}…${rest.length >= MIN_TAIL_SHOWN ? rest.slice(-4) : ''}`;
}

export type CreateCodeFailureReason =
  | 'bad-request'
  | 'missing-key'
  | 'invalid-key'
  | 'forbidden'
  | 'conflict'
  | 'rate-limited'
  | 'server-error'
  | 'malformed'
  | 'rejected'
  | 'network'
  | 'timeout';

export interface CreateCodeFailure {
  reason: CreateCodeFailureReason;
  /** True when sending the same request again may work. */
  retryable: boolean;
  status?: number;
  /** What happened and what to do, in plain words. */
  message: string;
  /** OpenRouter's own error message, redacted. */
  detail?: string;
}

export type CreateCodeResult =
  | { ok: true; code: string; appId: number | null; createdAt: string | null }
  | { ok: false; failure: CreateCodeFailure };

const RETRYABLE: ReadonlySet<CreateCodeFailureReason> = new Set(['conflict', 'rate-limited', 'server-error', 'malformed', 'network', 'timeout']);

function fail(reason: CreateCodeFailureReason, message: string, status?: number, detail?: string): CreateCodeResult {
  const f: CreateCodeFailure = { reason, retryable: RETRYABLE.has(reason), message };
  if (status) f.status = status;
  if (detail) f.detail = detail;
  return { ok: false, failure: f };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Maps an answer from POST /api/v1/auth/keys/code to the new code or to a failure the person can act on.
 * `secrets` (the existing key, a verifier) never appear in any returned text.
 */
export function interpretCreateCode(status: number, bodyText: string, secrets: readonly string[]): CreateCodeResult {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // Not JSON: judged by the status alone.
  }
  const detail = errorMessageOf(body, secrets);
  const f = (reason: CreateCodeFailureReason, message: string) => fail(reason, message, status, detail);

  if (status >= 200 && status < 300) {
    const data = isRecord(body) && isRecord(body.data) ? body.data : undefined;
    if (!data || typeof data.id !== 'string' || !data.id.trim()) {
      return f('malformed', 'OpenRouter answered without a code (no data.id). Try again.');
    }
    return {
      ok: true,
      code: data.id,
      appId: typeof data.app_id === 'number' && Number.isFinite(data.app_id) ? data.app_id : null,
      createdAt: typeof data.created_at === 'string' ? redact(data.created_at, secrets) : null,
    };
  }
  if (status === 400) {
    return f(
      'bad-request',
      detail
        ? 'OpenRouter called the request invalid; its message is below. The body comes from the form: fix the field it names and send again.'
        : 'OpenRouter called the request invalid. The body comes from the form: check its fields and send again.',
    );
  }
  if (status === 401) {
    // "Missing Authentication header" (spec) and "No auth credentials found" (API) mean no key arrived.
    return /missing|no auth/i.test(detail ?? '')
      ? f('missing-key', 'OpenRouter received no key. Paste a valid OpenRouter API key.')
      : f('invalid-key', 'OpenRouter did not accept this key. Paste a valid key, and check it was copied whole, with nothing cut off.');
  }
  if (status === 403) {
    return f(
      'forbidden',
      'OpenRouter refused to create a code with this key: it may need a different kind of key. Try another key, for example a management key instead of a regular API key or the other way round, and check that the key is enabled.',
    );
  }
  if (status === 409) return f('conflict', 'OpenRouter reported a conflict. Wait a few seconds and try again.');
  if (status === 429) return f('rate-limited', 'OpenRouter is rate-limiting. Wait a moment and try again.');
  if (status === 408 || status >= 500) return f('server-error', `OpenRouter failed (HTTP ${status}). Try again.`);
  return f('rejected', `OpenRouter refused the request (HTTP ${status}).`);
}

export function createCodeNetworkFailure(kind: 'network' | 'timeout'): CreateCodeResult {
  return kind === 'timeout'
    ? fail('timeout', 'OpenRouter did not answer in time. Try again; a code that was created but not used simply expires.')
    : fail(
        'network',
        'The request did not reach OpenRouter: you may be offline, or the browser blocked it (CORS: OpenRouter may not accept this call, or its attribution headers, from a web page). Try again, or run one of the code snippets instead.',
      );
}
