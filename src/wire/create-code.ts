// POST /api/v1/auth/keys/code: creating an authorization code with a key the person already has,
// the app-attribution headers that go with it, and what each answer means.
import type { AuthKeysCodeRequestBody } from './fields';
import { interpretAnswer, type ApiAnswer, type CommonReason, type Failed, type StatusMeanings } from './answer';
import { toWireBody } from './request';
import { bad, checkFields, checkUrl, ok, optional, type Checked, type FieldReport } from './validate';

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

// fetch() only carries header values of single bytes; anything past ASCII would be mangled or refused.
// With `u`, a character outside the BMP is matched whole, so it can be named in an error.
const NON_ASCII_RE = /[^ -~]/u;

export const checkHttpReferer = optional((text): Checked<string> =>
  checkUrl(text, (url) => {
    if (!/^https?:$/.test(url.protocol)) return bad('not-http', { scheme: url.protocol });
    if (text.length > 2000) return bad('too-long', { max: 2000, length: text.length });
    // Send the ASCII form (punycode, %-escapes) and say so.
    if (NON_ASCII_RE.test(text)) return ok(url.href, { hint: 'sent-as-ascii', href: url.href });
    return ok(text);
  }),
);

export function checkAppTitle(raw: string): Checked<string> {
  const text = raw.trim();
  const other = NON_ASCII_RE.exec(text);
  if (other) return bad('not-ascii', { char: other[0] });
  if (text.length > 100) return bad('too-long', { max: 100, length: text.length });
  return ok(text || undefined);
}

/** Comma-separated, lowercase-hyphenated, at most two; sent normalized as `a,b`. */
export function checkAppCategories(raw: string): Checked<string> {
  const unique = [
    ...new Set(
      raw
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  const other = unique.find((part) => !/^(?=.{1,30}$)[a-z0-9]+(-[a-z0-9]+)*$/.test(part));
  if (other) return bad('not-category', { text: other.slice(0, 40) });
  if (unique.length > 2) return bad('too-many', { max: 2, count: unique.length });
  return ok(unique.join(',') || undefined);
}

/** The existing key, pasted. Only its characters are checked: OpenRouter decides whether it works. */
export function checkApiKey(raw: string): Checked<string> {
  const text = raw.trim();
  if (!text) return bad('no-key');
  if (!/^[!-~]+$/.test(text)) return bad('not-key-chars');
  if (!text.startsWith('sk-or-')) return ok(text, { hint: 'unusual-key-prefix' });
  return ok(text);
}

/** The fields of minting with a key: the existing key and the attribution. */
export type KeyField = 'existingKey' | AttributionField;

export interface KeyFieldsCheck {
  /** Every valid, non-empty attribution field; invalid ones are left out. */
  attribution: Attribution;
  reports: Partial<Record<KeyField, FieldReport>>;
  valid: boolean;
  /** Kept apart from the attribution: it only ever leaves as the Bearer token. */
  existingKey?: string;
}

const KEY_CHECKS: Record<KeyField, (raw: string) => Checked<string>> = {
  existingKey: checkApiKey,
  httpReferer: checkHttpReferer,
  appTitle: checkAppTitle,
  appCategories: checkAppCategories,
};

export function checkKeyFields(values: Partial<Record<KeyField, string>>): KeyFieldsCheck {
  const { values: checked, reports, valid } = checkFields(KEY_CHECKS, (field) => values[field] ?? '');
  const { existingKey, ...attribution } = checked;
  return { attribution, reports, valid, existingKey };
}

/** Non-empty attribution as headers, in the SDK's vocabulary. */
export function attributionHeaders(attribution: Attribution): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [field, header] of Object.entries(ATTRIBUTION_HEADERS) as [AttributionField, string][])
    if (attribution[field]) headers[header] = attribution[field];
  return headers;
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
    url: new URL('/api/v1/auth/keys/code', origin).href,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json', ...attributionHeaders(attribution) },
    body: JSON.stringify(toWireBody(body)),
  };
}

/**
 * The same request for display: the key shows only its sk-or-v1- prefix and last four characters,
 * and nothing past the prefix when fewer than 16 follow it (four would say too much).
 */
export function describeCreateCodeRequest(
  origin: string,
  apiKey: string,
  body: Partial<AuthKeysCodeRequestBody>,
  attribution?: Attribution,
): CreateCodeRequest {
  const [, prefix = '', rest = ''] = /^(sk-or-v1-)?(.*)$/s.exec(apiKey.trim()) ?? [];
  return buildCreateCodeRequest(origin, `${prefix}…${rest.length < 16 ? '' : rest.slice(-4)}`, body, attribution);
}

/** Why creating a code failed. */
export type CreateCodeReason =
  | CommonReason
  /** 400: the body, so the form. */
  | 'invalid-request'
  /** 401 saying no key came: "Missing Authentication header" (spec), "No auth credentials found" (API). */
  | 'no-key-sent'
  /** Any other 401: the key is unknown or malformed. */
  | 'key-refused'
  /** 403: this kind of key may not create codes. */
  | 'key-forbidden'
  /** 409: OpenRouter asks to try again later. */
  | 'conflict';

const MEANINGS: StatusMeanings<CreateCodeReason> = {
  400: 'invalid-request',
  401: (said) => (/missing|no auth/i.test(said) ? 'no-key-sent' : 'key-refused'),
  403: 'key-forbidden',
  409: 'conflict',
};

export type CreateCodeResult = { ok: true; code: string } | Failed<CreateCodeReason>;

/**
 * Maps an answer from POST /api/v1/auth/keys/code to the new code or to a failure the person can act on.
 * `secrets` (the existing key, a verifier) never appear in any returned text.
 */
export function interpretCreateCode(answer: ApiAnswer, secrets: readonly string[]): CreateCodeResult {
  return interpretAnswer<{ data?: { id?: unknown } }, CreateCodeResult, CreateCodeReason>(
    answer,
    secrets,
    (body) => {
      // Optional chaining reads nothing from null, arrays or other non-objects. Only the code is
      // read: the answer's app_id and created_at are of no use here.
      const id = body?.data?.id;
      return typeof id === 'string' && id.trim() ? { ok: true, code: id } : undefined;
    },
    MEANINGS,
    [409],
  );
}
