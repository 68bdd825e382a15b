// Callback intake: what the parameters taken off the URL (or a popup's message, or a paste) may do.
import { redact } from '../wire/redact';
import type { CallbackParams } from './callback-url';
import type { PendingFlow, PendingStore } from './pending';

const MAX_CODE = 512;

export type RefusedReason = 'no-pending' | 'unknown-state' | 'ambiguous' | 'malformed';

export type Intake =
  | { kind: 'denied'; error: string; description?: string }
  | { kind: 'exchange'; state: string; code: string; flow: PendingFlow }
  | { kind: 'refused'; reason: RefusedReason };

const isCodeShape = (code: string) => code.length > 0 && code.length <= MAX_CODE && !/[\u0000-\u0020\u007f]/.test(code);

/**
 * Decides what a callback may do. Exchanges only a code that belongs to a live pending flow in this
 * tab; an `error` ends the flow it names (or, without a state, every flow waiting in this tab).
 */
export function decideCallback(params: CallbackParams, store: PendingStore, now: number): Intake {
  if (params.repeated) return { kind: 'refused', reason: 'malformed' };

  if (params.error !== undefined) {
    if (params.state === undefined) store.clear();
    else store.delete(params.state);
    const denied: Intake = { kind: 'denied', error: redact(params.error).slice(0, 100) };
    const description = params.errorDescription === undefined ? '' : redact(params.errorDescription);
    if (description) denied.description = description;
    return denied;
  }

  if (params.code === undefined || !isCodeShape(params.code)) return { kind: 'refused', reason: 'malformed' };

  const live = store.live(now);
  if (params.state !== undefined) {
    const flow = store.get(params.state, now);
    if (flow) return { kind: 'exchange', state: params.state, code: params.code, flow };
    return { kind: 'refused', reason: live.length === 0 ? 'no-pending' : 'unknown-state' };
  }
  // OpenRouter may not echo `state`: accept only when exactly one flow could have produced the code.
  if (live.length === 1) {
    const [state, flow] = live[0]!;
    return { kind: 'exchange', state, code: params.code, flow };
  }
  return { kind: 'refused', reason: live.length === 0 ? 'no-pending' : 'ambiguous' };
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
