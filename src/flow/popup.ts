// The popup sign-in's messaging. The callback page in the sign-in window hands the answer to the
// Keymint that opened it; that Keymint reads only messages from that window, at our origin.
import type { CallbackParams } from './callback-url';
import type { Sender } from './callback';

export const CALLBACK_MESSAGE = 'keymint:callback';
/** Longer than any code, state or error OpenRouter sends; anything bigger is not from our page. */
export const MAX_MESSAGE_FIELD = 512;
/** Every sign-in window's name starts so; the rest is random, so no page can guess it and target the window. */
export const SIGN_IN_WINDOW_PREFIX = 'keymint-signin-';

export const signInWindowName = () => SIGN_IN_WINDOW_PREFIX + crypto.randomUUID();

/** Whether this window was opened by Keymint as a sign-in window (and not a tab of its own). */
export const isSignInWindow = (win: Pick<Window, 'name'>) => win.name.startsWith(SIGN_IN_WINDOW_PREFIX);

/**
 * In a sign-in window that runs the whole app (it holds no answer to hand back): drops the name, so
 * that a callback of a sign-in started here is this window's own, not one to hand back.
 */
export function leaveSignInWindow(win: Pick<Window, 'name'>): void {
  if (isSignInWindow(win)) win.name = '';
}

// The message carries these CallbackParams fields under their own names, besides its `type`,
// the boolean `repeated` and the `sender`.
const MESSAGE_FIELDS = ['code', 'state', 'error', 'errorDescription'] as const satisfies ReadonlyArray<keyof CallbackParams>;
type Field = (typeof MESSAGE_FIELDS)[number];
const SENDERS: readonly Sender[] = ['openrouter', 'other', 'unknown'];

export interface CallbackMessage {
  params: CallbackParams;
  sender: Sender;
}

/**
 * The answer in a message from our own origin, or null when its origin or shape is wrong. Never
 * throws, whatever the message holds. The caller checks that it came from its sign-in window.
 */
export function readCallbackMessage(event: Pick<MessageEvent, 'origin' | 'data'>, ownOrigin: string): CallbackMessage | null {
  if (event.origin !== ownOrigin) return null;
  // Only a plain object, as a posted message makes them: primitives, arrays, dates and class
  // instances have another constructor, objects without prototype none.
  const data = event.data as Record<string, unknown> | null | undefined;
  if (data?.constructor !== Object || data.type !== CALLBACK_MESSAGE || !SENDERS.includes(data.sender as Sender)) return null;

  // A callback that repeated a parameter comes with `repeated: true`, to be refused as malformed.
  const params: CallbackParams = { repeated: data.repeated === true };
  for (const [name, value] of Object.entries(data)) {
    if (name === 'type' || name === 'sender' || (name === 'repeated' && typeof value === 'boolean')) continue;
    if (!(MESSAGE_FIELDS as readonly string[]).includes(name)) return null;
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > MAX_MESSAGE_FIELD) return null;
    params[name as Field] = value;
  }
  return params.code !== undefined || params.error !== undefined ? { params, sender: data.sender as Sender } : null;
}

type OpenerWindow = Pick<Window, 'opener'> & { location: Pick<Location, 'origin'> };

/**
 * In a sign-in window: posts the answer, as taken off the URL, to the Keymint that opened it. The
 * target origin is ours, so the browser delivers it only to a window at our origin: the opener's
 * location is never read, which Firefox and WebKit refuse when that Keymint sits in a frame of
 * another site (partitioned). That Keymint closes this window once it takes the answer. False
 * (nothing posted) when the opener is gone (a consent page with Cross-Origin-Opener-Policy cuts
 * the link) or closed.
 */
export function handBack(win: OpenerWindow, params: CallbackParams, sender: Sender): boolean {
  const opener = win.opener as Window | null;
  if (!opener || opener.closed) return false;
  const message: Record<string, unknown> = { type: CALLBACK_MESSAGE, sender, ...params };
  opener.postMessage(message, win.location.origin);
  return true;
}
