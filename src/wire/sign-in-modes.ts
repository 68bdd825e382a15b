// The ways Keymint gets an authorization code, one row each, and the request each one sends. Every
// place that varies by mode (the form, the preview, the session, links) reads this table.
import { checkForm, type AuthKeysCodeRequestBody, type FormCheck, type FormValues } from './fields';

export type SignInMode = 'redirect' | 'popup' | 'paste' | 'key';

/** What a page may lack or be that stops a mode from running. */
export type PageLimit =
  /** http:// on a real host: no Web Crypto, so no PKCE challenge. */
  | 'insecure'
  /** Inside a frame, which must not navigate the reader away. */
  | 'framed'
  /** No sessionStorage to keep the verifier across a redirect. */
  | 'no-storage'
  /** Sandboxed without allow-same-origin: a popup's message cannot reach this page. */
  | 'opaque-origin';

export interface SignInModeRule {
  /**
   * Where `callback_url` comes from: this page's address when the code comes back to this page (only
   * it holds the verifier), the form's field when nothing comes back to it, or nowhere (OpenRouter
   * shows the code).
   */
  callback: 'form' | 'page' | 'none';
  /** OpenRouter's headless (no-callback) mode takes S256 only. */
  forcesS256: boolean;
  /** Whether the sign-in opens OpenRouter's /auth page; the key mode asks the API for a code instead. */
  opensAuth: boolean;
  /** Whether the verifier must outlive this page (it leaves and comes back). */
  persists: boolean;
  unavailableWhen: readonly PageLimit[];
}

export const SIGN_IN_MODES = {
  redirect: { callback: 'page', forcesS256: false, opensAuth: true, persists: true, unavailableWhen: ['insecure', 'framed', 'no-storage'] },
  popup: { callback: 'page', forcesS256: false, opensAuth: true, persists: false, unavailableWhen: ['insecure', 'opaque-origin'] },
  paste: { callback: 'none', forcesS256: true, opensAuth: true, persists: false, unavailableWhen: ['insecure'] },
  key: { callback: 'form', forcesS256: false, opensAuth: false, persists: false, unavailableWhen: ['insecure'] },
} as const satisfies Record<SignInMode, SignInModeRule>;

export const SIGN_IN_MODE_NAMES = Object.keys(SIGN_IN_MODES) as SignInMode[];

export const isSignInMode = (text: string): text is SignInMode => Object.hasOwn(SIGN_IN_MODES, text);

/** The first of this page's limits that stops `mode`, or undefined when it can run. */
export const blockingLimit = (mode: SignInMode, limits: readonly PageLimit[]): PageLimit | undefined =>
  SIGN_IN_MODES[mode].unavailableWhen.find((limit) => limits.includes(limit));

/** `wanted` where it can run, else the first mode in table order that can; undefined when none can. */
export const runnableMode = (wanted: SignInMode, limits: readonly PageLimit[]): SignInMode | undefined =>
  [wanted, ...SIGN_IN_MODE_NAMES].find((mode) => !blockingLimit(mode, limits));

export interface DerivedRequest extends FormCheck {
  /** The form as this mode shows it: a callback it sets itself, and S256 where it is forced. */
  shown: FormValues;
}

/**
 * What a sign-in in `mode` asks OpenRouter for, from the form's values and this page's address
 * (without query): the checked body with the mode's own callback and method. The preview shows
 * exactly this body, and the session signs exactly this body.
 */
export function deriveRequest(mode: SignInMode, values: FormValues, pageUrl: string, now: Date): DerivedRequest {
  const rule: SignInModeRule = SIGN_IN_MODES[mode];
  const callbacks = { form: values.callbackUrl, page: pageUrl, none: '' };
  const shown: FormValues = {
    ...values,
    callbackUrl: callbacks[rule.callback],
    codeChallengeMethod: rule.forcesS256 ? 'S256' : values.codeChallengeMethod,
  };
  const check = checkForm(shown, now);
  const body: Partial<AuthKeysCodeRequestBody> = { ...check.body };
  const reports = { ...check.reports };
  // With no callback, the field is not checked: there is nothing to check.
  if (rule.callback === 'none') {
    delete body.callbackUrl;
    delete reports.callbackUrl;
  }
  const valid = Object.values(reports).every((report) => !report.problem);
  return { body, reports, valid, shown };
}
