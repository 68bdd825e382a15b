// Callback intake: whether an answer that arrived (in this page's address, in the sign-in window's
// message, or pasted) belongs to the live sign-in of this tab, and what it may then do.
import { redact } from '../wire/redact';
import type { SignInMode } from '../wire/sign-in-modes';
import type { CallbackParams } from './callback-url';
import { isFresh } from './pending';

/** Why an answer was not used. None of them changes the live sign-in. */
export type IgnoredReason =
  /** A repeated parameter, or a code of impossible shape. */
  | 'malformed'
  /** No live sign-in, a stale one, or a `state` that is not the live one's. */
  | 'unmatched'
  /** No `state`, and the page cannot rule out that another page sent it. */
  | 'unproven';

export type CallbackDecision =
  { kind: 'exchange'; code: string } | { kind: 'denied'; error: string; description?: string } | { kind: 'ignored'; reason: IgnoredReason };

/** The live sign-in, as far as a callback needs it. */
export interface AwaitingSignIn {
  mode: SignInMode;
  state: string;
  createdAt: number;
}

/** Who, by what the browser tells, sent the browser to this page: OpenRouter, another site, or nobody said. */
export type Sender = 'openrouter' | 'other' | 'unknown';

export interface CallbackSource {
  /** 'address': this page's own URL; 'popup': a message from the window this sign-in opened. */
  via: 'address' | 'popup';
  /** Another page may hold a handle to this tab and navigate it: it is framed, or has an opener. */
  exposed: boolean;
  sender: Sender;
}

/**
 * The page that navigated here, from `document.referrer`: a page of OpenRouter's site (its origin
 * or a subdomain, such as a sign-in page), another site, or nobody said (OpenRouter may send none).
 */
export function senderOf(referrer: string, openrouterOrigin: string): Sender {
  if (!referrer) return 'unknown';
  try {
    const from = new URL(referrer);
    const openrouter = new URL(openrouterOrigin);
    const ours = from.protocol === openrouter.protocol && (from.host === openrouter.host || from.host.endsWith('.' + openrouter.host));
    return ours ? 'openrouter' : 'other';
  } catch {
    return 'other';
  }
}

/** 1 to 512 characters, none of them a space or a control character. */
export const isCodeShape = (code: string) => /^[^\u0000-\u0020\u007f]{1,512}$/.test(code);

/**
 * Whether an answer without `state` can only have come from OpenRouter for this sign-in:
 * - in the address, only for a redirect sign-in, in a top-level tab without opener, and only when
 *   the browser says OpenRouter sent the tab here: a page that holds a handle to the tab (its
 *   opener, a window it opened, or one that cut the opener link with COOP) can otherwise navigate
 *   it to `?code=` from a page that sends no referrer;
 * - from the sign-in window, only when the browser says OpenRouter sent that window to us (a page
 *   that got into the window could have sent it to `?code=` otherwise).
 */
function provenWithoutState(mode: SignInMode, { via, exposed, sender }: CallbackSource): boolean {
  if (via === 'address') return mode === 'redirect' && !exposed && sender === 'openrouter';
  return mode === 'popup' && sender === 'openrouter';
}

/**
 * Decides what an answer may do for `live`, the one sign-in of this tab (null when there is none).
 * An answer whose `state` is the live one's is that sign-in's; without `state`, only when the source
 * proves it. Anything else is ignored, its error text unread.
 */
export function decideCallback(params: CallbackParams, live: AwaitingSignIn | null, source: CallbackSource, now: number): CallbackDecision {
  const { code, state, error } = params;
  if (params.repeated || (error === undefined && (code === undefined || !isCodeShape(code)))) return { kind: 'ignored', reason: 'malformed' };
  if (!live || !isFresh(live.createdAt, now) || (state !== undefined && state !== live.state)) return { kind: 'ignored', reason: 'unmatched' };
  if (state === undefined && !provenWithoutState(live.mode, source)) return { kind: 'ignored', reason: 'unproven' };
  if (error !== undefined) return { kind: 'denied', error: redact(error).slice(0, 100), description: redact(params.errorDescription ?? '') || undefined };
  return { kind: 'exchange', code: code! };
}

/** A pasted answer: the code itself, or a whole callback URL that carries it (and maybe its state). */
export interface PastedAnswer {
  code: string;
  state?: string;
}

export function answerFromPaste(text: string): PastedAnswer | null {
  const trimmed = text.trim();
  if (!/^https?:\/\//i.test(trimmed)) return isCodeShape(trimmed) ? { code: trimmed } : null;
  let query: URLSearchParams;
  try {
    query = new URL(trimmed).searchParams;
  } catch {
    return null;
  }
  const code = query.get('code') ?? '';
  const state = query.get('state') ?? undefined;
  return isCodeShape(code) && query.getAll('code').length === 1 && query.getAll('state').length <= 1 ? { code, state } : null;
}
