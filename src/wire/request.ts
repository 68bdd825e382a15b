// Builds what goes to OpenRouter: the CreateAuthKeysCodeRequestBody JSON and the /auth URL.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField, type WireName } from './fields';

export type WireBody = Partial<Record<WireName, string | number>>;

/** snake_case body as the SDKs serialize it: SDK key order, empty fields omitted. */
export function toWireBody(body: Partial<AuthKeysCodeRequestBody>): WireBody {
  const wire: WireBody = {};
  for (const field of Object.keys(WIRE_NAMES) as BodyField[]) {
    const value = body[field];
    if (value !== undefined && value !== '') wire[WIRE_NAMES[field]] = value;
  }
  return wire;
}

/**
 * `<origin>/auth?callback_url=…&code_challenge=…&code_challenge_method=…&state=…` followed by the
 * non-empty key settings. Without `callbackUrl` this is OpenRouter's headless (paste-code) form.
 */
export function buildAuthorizeUrl(origin: string, body: Partial<AuthKeysCodeRequestBody>, state?: string): string {
  const { callbackUrl, codeChallenge, codeChallengeMethod, ...settings } = body;
  const url = new URL('/auth', origin);
  const put = (part: Partial<AuthKeysCodeRequestBody>) => {
    for (const [name, value] of Object.entries(toWireBody(part))) url.searchParams.set(name, String(value));
  };
  put({ callbackUrl, codeChallenge, codeChallengeMethod });
  if (state) url.searchParams.set('state', state);
  put(settings);
  return url.href;
}
