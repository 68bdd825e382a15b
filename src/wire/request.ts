// Builds what goes to OpenRouter: the CreateAuthKeysCodeRequestBody JSON and the /auth URL.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField, type WireName } from './fields';

export type WireBody = Partial<Record<WireName, string | number>>;

type Body = Partial<AuthKeysCodeRequestBody>;

const AUTH_URL_ORDER = Object.keys(WIRE_NAMES) as BodyField[];

/**
 * The order in which @openrouter/sdk 1.3.x writes the body: its outbound schema lists the fields
 * alphabetically (sdk-parity.test.ts holds us to it), unlike WIRE_NAMES.
 */
export const SDK_BODY_ORDER: readonly BodyField[] = [...AUTH_URL_ORDER].sort();

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
  // The first three fields are the PKCE core; state follows them.
  eachSet(body, AUTH_URL_ORDER.slice(0, 3), put);
  if (state) put('state', state);
  eachSet(body, AUTH_URL_ORDER.slice(3), put);
  return url.href;
}
