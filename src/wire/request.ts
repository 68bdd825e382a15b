// Builds what goes to OpenRouter: the CreateAuthKeysCodeRequestBody JSON and the /auth URL.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField, type WireName } from './fields';

export type WireBody = Partial<Record<WireName, string | number>>;

/**
 * The order in which @openrouter/sdk 1.3.x writes the body: the field order of its
 * `CreateAuthKeysCodeRequestBody$outboundSchema`, which differs from WIRE_NAMES' order.
 */
export const SDK_BODY_ORDER: readonly BodyField[] = [
  'callbackUrl',
  'codeChallenge',
  'codeChallengeMethod',
  'expiresAt',
  'keyLabel',
  'limit',
  'usageLimitType',
  'workspaceId',
];

const UTC_TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * `expiresAt` as it travels in the JSON body. Why: the official TypeScript SDK takes a Date and
 * sends `date.toISOString()`, which always carries milliseconds (`2027-01-01T00:00:00.000Z`), so
 * our body is byte-for-byte the SDK's. OpenRouter allows fractional seconds, and the /auth URL
 * keeps the whole-second form. Anything but a real UTC `…Z` timestamp is left as it is, for
 * OpenRouter to judge: a zone-less time would otherwise be read as the visitor's local time.
 */
export function expiresAtForBody(expiresAt: string): string {
  const date = UTC_TIMESTAMP_RE.test(expiresAt) ? new Date(expiresAt) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : expiresAt;
}

/** The non-empty fields as [wire name, value], in `order`, values unchanged. */
function wireEntries(body: Partial<AuthKeysCodeRequestBody>, order: readonly BodyField[]): [WireName, string | number][] {
  const entries: [WireName, string | number][] = [];
  for (const field of order) {
    const value = body[field];
    if (value !== undefined && value !== '') entries.push([WIRE_NAMES[field], value]);
  }
  return entries;
}

/** snake_case body exactly as the TypeScript SDK serializes it: SDK key order, empty fields omitted. */
export function toWireBody(body: Partial<AuthKeysCodeRequestBody>): WireBody {
  const wire: WireBody = {};
  for (const [name, value] of wireEntries(body, SDK_BODY_ORDER)) {
    wire[name] = name === WIRE_NAMES.expiresAt && typeof value === 'string' ? expiresAtForBody(value) : value;
  }
  return wire;
}

/**
 * `<origin>/auth?callback_url=…&code_challenge=…&code_challenge_method=…&state=…` followed by the
 * non-empty key settings, `expires_at` in whole seconds. Without `callbackUrl` this is
 * OpenRouter's headless (paste-code) form.
 */
export function buildAuthorizeUrl(origin: string, body: Partial<AuthKeysCodeRequestBody>, state?: string): string {
  const { callbackUrl, codeChallenge, codeChallengeMethod, ...settings } = body;
  const url = new URL('/auth', origin);
  const put = (part: Partial<AuthKeysCodeRequestBody>) => {
    for (const [name, value] of wireEntries(part, Object.keys(WIRE_NAMES) as BodyField[])) url.searchParams.set(name, String(value));
  };
  put({ callbackUrl, codeChallenge, codeChallengeMethod });
  if (state) url.searchParams.set('state', state);
  put(settings);
  return url.href;
}
