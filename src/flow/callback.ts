// Callback intake: what the parameters taken off the URL (or a popup's message, or a paste) may do.
import { redact } from '../wire/redact';
import type { CallbackParams } from './callback-url';
import type { PendingFlow } from './pending';

export type RefusedReason = 'no-pending' | 'unknown-state' | 'ambiguous' | 'malformed';

export type Intake =
  | { kind: 'denied'; error: string; description?: string }
  | { kind: 'exchange'; code: string; flow: PendingFlow }
  /** `code` only with 'no-pending': the sign-in waiting for it may be in another window or frame. */
  | { kind: 'refused'; reason: RefusedReason; code?: string };

/** 1 to 512 characters, none of them a space or a control character. */
const isCodeShape = (code: string) => /^[^\u0000-\u0020\u007f]{1,512}$/.test(code);

/**
 * Decides what a callback may do, given the live pending flows in this tab as [state, flow]: exchanges
 * only a code that belongs to one of them. The caller ends the flows a denial names.
 */
export function decideCallback(params: CallbackParams, live: Array<[string, PendingFlow]>): Intake {
  const { code, state } = params;
  // A repeated parameter refuses the whole callback, an error included.
  if (params.error !== undefined && !params.repeated) {
    return { kind: 'denied', error: redact(params.error).slice(0, 100), description: redact(params.errorDescription ?? '') || undefined };
  }

  if (params.repeated || code === undefined || !isCodeShape(code)) return { kind: 'refused', reason: 'malformed' };

  // Pending flows are stored only under states of our own shape, so matching one exactly needs no
  // other check. OpenRouter may not echo `state`: accept only when exactly one flow could have
  // produced the code.
  const found = state === undefined ? (live.length === 1 ? live[0] : undefined) : live.find(([pending]) => pending === state);
  if (found) return { kind: 'exchange', code, flow: found[1] };
  if (live.length === 0) return { kind: 'refused', reason: 'no-pending', code };
  return { kind: 'refused', reason: state === undefined ? 'ambiguous' : 'unknown-state' };
}

/** The code in what a person pasted: the code itself, or a whole callback URL that carries it. */
export function codeFromPaste(text: string): string | null {
  let code = text.trim();
  if (/^https?:\/\//i.test(code)) {
    try {
      code = new URL(code).searchParams.get('code') ?? '';
    } catch {
      return null;
    }
  }
  return isCodeShape(code) ? code : null;
}
