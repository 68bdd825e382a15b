import { h } from 'preact';
import type { PopupBlock } from '../flow/popup-open';
import type { Phase } from '../flow/session';
import { copyable } from './Preview';

// No sign-in waiting at all, or none with the code's state: the same to the person.
const UNMATCHED = 'No sign-in waiting in this tab matches the code in the address, so Keymint ignored it.';

const REFUSED = {
  'no-pending': UNMATCHED,
  'unknown-state': UNMATCHED,
  ambiguous: 'Several sign-ins are waiting in this tab and the address does not say which, so Keymint ignored it.',
  malformed: 'The address held a malformed sign-in answer, so Keymint ignored it.',
  expired: 'The sign-in took over 10 minutes, the life of a code, so Keymint ended it.',
};

// [title, what to do]; the alert then offers a new tab, a pasted code and the way back.
const BLOCKED: Record<PopupBlock, [string, string]> = {
  browser: ['The browser blocked the sign-in window', 'Allow popups for this site and press Authorize again.'],
  'sandbox-popups': [
    'This frame may not open windows',
    'Ask the site to add allow-popups and allow-popups-to-escape-sandbox to this frame’s sandbox.',
  ],
  'sandbox-escape': ['The sign-in window would stay sandboxed', 'Ask the site to add allow-popups-to-escape-sandbox to this frame’s sandbox.'],
};

/** What the polite live region says in this phase; empty when it has nothing to add. */
export function statusOf(phase: Phase): string {
  if (phase.kind === 'exchanging') return 'Exchanging the code for a key…';
  if (phase.kind === 'refused') return `${REFUSED[phase.reason]} Start again below.`;
  if (phase.kind !== 'waiting') return '';
  if (phase.lost) return 'The sign-in window closed.';
  return phase.via === 'popup' ? 'Waiting for you to approve in the sign-in window…' : 'Waiting for the code OpenRouter shows you…';
}

/** The failure to show in the alert region: [title, what to do, OpenRouter's own words]; null when all is well. */
export function failureOf(phase: Phase): [string, string, string?] | null {
  if (phase.kind === 'blocked') return BLOCKED[phase.cause];
  if (phase.kind === 'denied') return ['Sign-in was not completed', `OpenRouter returned “${phase.error}”.`, phase.description];
  if (phase.kind !== 'failed') return null;
  const { retryable, message, detail } = phase.failure;
  const title =
    phase.step === 'code'
      ? retryable
        ? 'The request for a code did not finish'
        : 'OpenRouter refused the request'
      : retryable
        ? 'The exchange did not finish'
        : 'OpenRouter refused the code';
  return [title, message, detail];
}

/** A code that arrived here but belongs to a sign-in elsewhere: shown so it can be carried there. */
export const handoffOf = (phase: Phase, onCopy: (text: string) => void) =>
  phase.kind === 'refused' &&
  phase.code && (
    <section class="box" aria-labelledby="handoff-title">
      <h2 id="handoff-title">Finish in the Keymint that started this sign-in</h2>
      <p>Paste this code there; it works once, within 10 minutes.</p>
      {copyable(onCopy, 'code', phase.code)}
    </section>
  );
