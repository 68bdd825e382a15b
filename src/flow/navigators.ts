// How each sign-in mode takes the person to OpenRouter: this tab, a window opened in the click, or a
// new tab. The UI creates the navigator inside the click (popup blockers allow only that); the
// session opens OpenRouter through it once the request is signed.
import type { SignInMode } from '../wire/sign-in-modes';
import { signInWindowName } from './popup';

/** What the session needs of the sign-in window. */
export interface PopupWindow {
  readonly closed: boolean;
  location: { replace(url: string): void };
  close(): void;
}

export interface SignInNavigator {
  /** Opens OpenRouter's /auth page at `url`. */
  open(url: string): void;
  /** The window whose messages carry this sign-in's answer, if it comes back in another window. */
  readonly window?: PopupWindow;
}

export const POPUP_FEATURES = 'popup,width=520,height=720';

/** Why no usable popup: the browser's blocker, or a frame sandbox missing one of the popup tokens. */
export type PopupBlock = 'browser' | 'sandbox-popups' | 'sandbox-escape';

/** True when the blank popup inherited our frame's sandbox: setting document.domain throws only there. */
function inheritsSandbox(popup: Window): boolean {
  try {
    const doc = popup.document;
    // eslint-disable-next-line no-self-assign
    doc.domain = doc.domain;
    return false;
  } catch (error) {
    // Thrown in the popup's realm, so not an instance of this page's DOMException.
    return (error as { name?: unknown } | null)?.name === 'SecurityError';
  }
}

/**
 * Opens the blank sign-in window; call it in the click handler itself so popup blockers allow it.
 * In a frame, tells a sandbox without allow-popups (the click's activation is left unused) from the
 * browser's blocker, and closes a popup that would carry the sandbox onto OpenRouter's page.
 */
export function openSignInWindow(win: Window, framed: boolean): PopupWindow | PopupBlock {
  const popup = win.open('about:blank', signInWindowName(), POPUP_FEATURES);
  if (!popup) return framed && win.navigator.userActivation?.isActive ? 'sandbox-popups' : 'browser';
  if (framed && inheritsSandbox(popup)) {
    popup.close();
    return 'sandbox-escape';
  }
  return popup;
}

/**
 * The navigator for `mode`, made in the click; a popup block when the window could not open; null
 * for the key mode, which opens no page.
 */
export function navigatorFor(mode: SignInMode, win: Window, framed: boolean): SignInNavigator | PopupBlock | null {
  switch (mode) {
    case 'redirect':
      return { open: (url) => win.location.assign(url) };
    case 'popup': {
      const popup = openSignInWindow(win, framed);
      return typeof popup === 'string' ? popup : { window: popup, open: (url) => popup.location.replace(url) };
    }
    case 'paste':
      // No opener and no referrer: the tab shows OpenRouter's code and needs nothing of ours.
      return { open: (url) => void win.open(url, '_blank', 'noopener,noreferrer') };
    case 'key':
      return null;
  }
}
