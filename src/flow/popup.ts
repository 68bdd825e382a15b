// The popup sign-in's messaging: the callback page hands its parameters to the Keymint window that
// opened it, and that window accepts them only from exactly that popup, at exactly our origin.
import type { CallbackParams } from './callback-url';
import { createPendingStore, isFresh } from './pending';

export const CALLBACK_MESSAGE = 'keymint:callback';
/** Longer than any code, state or error OpenRouter sends; anything bigger is not from our page. */
export const MAX_MESSAGE_FIELD = 512;

// The message carries these CallbackParams fields under their own names, besides its `type` and
// the boolean `repeated`.
const FIELDS = ['code', 'state', 'error', 'errorDescription'] as const satisfies ReadonlyArray<keyof CallbackParams>;
type Field = (typeof FIELDS)[number];

export interface PopupFlow {
  popup: unknown;
  state: string;
  createdAt: number;
}

export interface GuardContext {
  ownOrigin: string;
  /** The popup flow waiting for a message (the caller has none to guard without one). */
  flow: PopupFlow;
  /** An exchange is already running: nothing else may start one. */
  busy: boolean;
  now: number;
}

/**
 * The callback parameters in a message, or null when any check fails: origin, source, shape, an
 * echoed state that is not the flow's, a flow older than 10 minutes, or an exchange in progress.
 * Never throws, whatever the message holds.
 */
export function acceptCallbackMessage(event: Pick<MessageEvent, 'origin' | 'source' | 'data'>, context: GuardContext): CallbackParams | null {
  const { flow } = context;
  if (context.busy || event.origin !== context.ownOrigin || event.source !== flow.popup || !isFresh(flow.createdAt, context.now)) return null;
  // Only a plain object, as a posted message makes them: primitives, arrays, dates and class
  // instances have another constructor, objects without prototype none.
  const data = event.data as Record<string, unknown> | null | undefined;
  if (data?.constructor !== Object || data.type !== CALLBACK_MESSAGE) return null;

  // A callback that repeated a parameter comes with `repeated: true`, to be refused as malformed.
  const params: CallbackParams = { repeated: data.repeated === true };
  for (const [name, value] of Object.entries(data)) {
    if (name === 'type' || (name === 'repeated' && typeof value === 'boolean')) continue;
    if (!(FIELDS as readonly string[]).includes(name)) return null;
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.length > MAX_MESSAGE_FIELD) return null;
    params[name as Field] = value;
  }
  // OpenRouter may not echo state; the popup itself then identifies the flow. An echoed one must match.
  if (params.state !== undefined && params.state !== flow.state) return null;
  return params.code !== undefined || params.error !== undefined ? params : null;
}

type OpenerWindow = Pick<Window, 'opener' | 'close'> & { location: Pick<Location, 'origin'> };

/** How long the callback page stays open after posting: closing at once can detach the message's source. */
export const HAND_BACK_CLOSE_MS = 1000;

/**
 * On a callback page: hands the parameters, as taken off the URL, to the Keymint that opened this
 * window, unless a redirect sign-in from this very tab waits for them. Posts to our origin only, and
 * closes the popup (the opener closes it sooner once it accepts). Returns false (and does nothing)
 * when this tab waits, or when there is no same-origin opener to hand to.
 */
export function handBackUnlessWaiting(win: OpenerWindow, storage: Storage | null, params: CallbackParams, now: number): boolean {
  if (createPendingStore(storage).live(now).some(([state]) => state === params.state)) return false;
  const opener = win.opener as Window | null;
  try {
    // Only an opener at our own origin: reading its location throws at any other.
    if (!opener || opener.closed || opener.location.origin !== win.location.origin) return false;
  } catch {
    return false;
  }
  opener.postMessage({ type: CALLBACK_MESSAGE, ...params }, win.location.origin);
  setTimeout(() => win.close(), HAND_BACK_CLOSE_MS);
  return true;
}
