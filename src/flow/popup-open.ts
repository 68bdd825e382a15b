// Opening the sign-in popup, inside the click handler so popup blockers allow it. Kept apart from
// the popup's message guard: a first visit needs only this part.

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
 * Opens the blank sign-in popup; call it in the click handler itself so popup blockers allow it.
 * In a frame, tells a sandbox without allow-popups (the click's activation is left unused) from the
 * browser's blocker, and closes a popup that would carry the sandbox onto OpenRouter's page.
 */
export function openSignInPopup(win: Window, framed: boolean): Window | PopupBlock {
  const popup = win.open('about:blank', popupName(), POPUP_FEATURES);
  if (!popup) return framed && win.navigator.userActivation?.isActive ? 'sandbox-popups' : 'browser';
  if (framed && inheritsSandbox(popup)) {
    popup.close();
    return 'sandbox-escape';
  }
  return popup;
}

/** A fresh random window name per flow, so no page can guess it and target the popup. */
export const popupName = () => `keymint-${crypto.randomUUID()}`;
