// Builds what goes to OpenRouter: the CreateAuthKeysCodeRequestBody JSON and the /auth URL.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField, type WireName } from './fields';

export type WireBody = Partial<Record<WireName, string | number>>;

type Body = Partial<AuthKeysCodeRequestBody>;

const BODY_ORDER = Object.keys(WIRE_NAMES) as BodyField[];

/** The PKCE core leads the /auth URL, `state` right after it; the key settings follow in BODY_FIELDS order. */
const PKCE_CORE: readonly BodyField[] = ['callbackUrl', 'codeChallenge', 'codeChallengeMethod'];
const SETTINGS = BODY_ORDER.filter((field) => !PKCE_CORE.includes(field));

/**
 * The order in which @openrouter/sdk 1.3.x writes the body: its outbound schema lists the fields
 * alphabetically (sdk-parity.test.ts holds us to it), unlike BODY_FIELDS.
 */
export const SDK_BODY_ORDER: readonly BodyField[] = [...BODY_ORDER].sort();

/**
 * `expiresAt` as it travels in the JSON body: the SDK sends `date.toISOString()`, with
 * milliseconds, and we match it byte for byte; the /auth URL keeps whole seconds. Anything but a
 * real UTC `…Z` timestamp is left for OpenRouter to judge, rather than read in a guessed zone.
 */
export function expiresAtForBody(expiresAt: string): string {
  const date = new Date(expiresAt);
  return /^\d{4}(-\d\d){2}T\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(expiresAt) && !isNaN(+date) ? date.toISOString() : expiresAt;
}

/** Calls `put` with [wire name, value] of each non-empty field, in `order`, values unchanged. */
function eachSet(body: Body, order: readonly BodyField[], put: (name: WireName, value: string | number) => void): void {
  for (const field of order) {
    const value = body[field];
    if (value !== undefined && value !== '') put(WIRE_NAMES[field], value);
  }
}

/** snake_case body exactly as the TypeScript SDK serializes it: SDK key order, empty fields omitted. */
export function toWireBody(body: Body): WireBody {
  const wire: WireBody = {};
  eachSet(body, SDK_BODY_ORDER, (name, value) => (wire[name] = name === 'expires_at' ? expiresAtForBody(value as string) : value));
  return wire;
}

/**
 * `<origin>/auth?callback_url=…&code_challenge=…&code_challenge_method=…&state=…` followed by the
 * non-empty key settings, `expires_at` in whole seconds. Without `callbackUrl` this is
 * OpenRouter's headless (paste-code) form.
 */
export function buildAuthorizeUrl(origin: string, body: Body, state?: string): string {
  const url = new URL('/auth', origin);
  const put = (name: string, value: string | number) => url.searchParams.set(name, '' + value);
  eachSet(body, PKCE_CORE, put);
  if (state) put('state', state);
  eachSet(body, SETTINGS, put);
  return url.href;
}
