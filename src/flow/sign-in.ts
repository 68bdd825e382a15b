// A press of Authorize: what it would send, shown before the press, and how it starts the sign-in.
import type { Attribution } from '../wire/create-code';
import type { AuthKeysCodeRequestBody, FormValues } from '../wire/fields';
import { deriveRequest, SIGN_IN_MODES, type DerivedRequest, type SignInMode } from '../wire/sign-in-modes';
import { navigatorFor } from './navigators';
import { signInRequest, type PkceDraft } from './pkce';
import type { Session } from './session';

export interface SignInPreview {
  /** The form as the mode shows it, its reports, and whether it may be sent. */
  derived: DerivedRequest;
  /** The body as sent: with the challenge and its method once the draft is there. */
  body: Partial<AuthKeysCodeRequestBody>;
  /** The /auth URL; undefined when the mode opens no page, null until every field is valid and the draft is there. */
  url: string | null | undefined;
}

/**
 * What a sign-in in `mode` sends now: `deriveRequest`'s body and, once `draft` is there, exactly
 * what the session will sign with it.
 */
export function previewSignIn(origin: string, mode: SignInMode, values: FormValues, pageUrl: string, draft: PkceDraft | undefined): SignInPreview {
  const derived = deriveRequest(mode, values, pageUrl, new Date());
  const request = draft && signInRequest(origin, derived.body, draft);
  const preview = { derived, body: request?.body ?? derived.body };
  if (!SIGN_IN_MODES[mode].opensAuth) return { ...preview, url: undefined };
  return { ...preview, url: request && derived.valid ? request.url : null };
}

/** A sign-in to start: through OpenRouter's page, or with a key the person has. */
export type SignInPress =
  | { mode: Exclude<SignInMode, 'key'>; body: Partial<AuthKeysCodeRequestBody>; expiresIn?: string }
  | { mode: 'key'; body: Partial<AuthKeysCodeRequestBody>; existingKey: string; attribution: Attribution };

/**
 * Starts a sign-in; call it in the press itself, so that a popup opens with the person's gesture.
 * Ends the earlier sign-in and opens the mode's way to OpenRouter (telling the session when a popup
 * is blocked), then starts once `draft` is there. Resolves to whether the sign-in started.
 */
export function startSignIn(session: Session, win: Window, framed: boolean, press: SignInPress, draft: Promise<PkceDraft>): Promise<boolean> {
  if (press.mode === 'key') return draft.then((draft) => session.start({ ...press, draft }));
  // End the earlier sign-in before a window opens: window.open copies this tab's sessionStorage,
  // and a stored verifier must not live on in the sign-in window.
  session.reset();
  const navigator = navigatorFor(press.mode, win, framed)!;
  if (typeof navigator === 'string') {
    session.popupBlocked(navigator);
    return Promise.resolve(false);
  }
  // Right after the page loads the challenge may still be on its way: go on once it is there.
  // When it is there already, `then` runs before the press's handling ends.
  return draft.then((draft) => session.start({ ...press, draft, navigator }));
}
