// What each phase of the session says to the person: the polite status line, or the failure alert.
import type { IgnoredReason } from '../flow/callback';
import type { PopupBlock } from '../flow/navigators';
import type { PasteProblem, Phase } from '../flow/session';
import { failureMessage } from './answers';

/** Answers that are simply not used: said in the status line, and the form stays as it was. */
const IGNORED: Record<Exclude<IgnoredReason, 'unproven'> | 'expired', string> = {
  unmatched: 'Keymint ignored a sign-in answer in the address: it matches no sign-in waiting in this tab.',
  malformed: 'Keymint ignored a malformed sign-in answer in the address.',
  expired: 'The sign-in timed out: codes last 10 minutes. Start again below.',
};

export const PASTE_PROBLEM: Record<PasteProblem, string> = {
  shape: 'Paste the code OpenRouter showed: one word of letters, digits, - and _.',
  'other-sign-in': 'This answer is from another sign-in: paste this sign-in’s code.',
};

// [title, what to do]; the alert then offers a new tab, a pasted code and the way back.
const BLOCKED: Record<PopupBlock, [string, string]> = {
  browser: ['The browser blocked the sign-in window', 'Allow popups for this site and press Authorize again.'],
  'sandbox-popups': ['This frame may not open windows', 'Ask the site to add allow-popups and allow-popups-to-escape-sandbox to this frame’s sandbox.'],
  'sandbox-escape': ['The sign-in window would stay sandboxed', 'Ask the site to add allow-popups-to-escape-sandbox to this frame’s sandbox.'],
};

/** Why an answer without state is not used: shown when it arrives in the address, said when it comes from the sign-in window. */
const UNPROVEN = 'It came without its sign-in’s state, so another page may have sent it.';

/** A failed request's title, by step: when it may work on Retry, and when OpenRouter refused it. */
const FAILED_TITLES: Record<'code' | 'exchange', [unfinished: string, refused: string]> = {
  code: ['The request for a code did not finish', 'OpenRouter refused the request'],
  exchange: ['The exchange did not finish', 'OpenRouter refused the code'],
};

/** What the polite live region says in this phase; empty when it has nothing to add. */
export function statusOf(phase: Phase): string {
  if (phase.kind === 'exchanging') return phase.step === 'code' ? 'Asking OpenRouter for a code…' : 'Exchanging the code for a key…';
  if (phase.kind === 'ignored' && phase.reason !== 'unproven') return IGNORED[phase.reason];
  if (phase.kind !== 'waiting') return '';
  if (phase.unproven) return `Keymint did not use an answer from the sign-in window. ${UNPROVEN}`;
  // A lost window is said by the panel's heading, which the focus enters.
  if (phase.lost) return '';
  return phase.mode === 'popup' ? 'Waiting for you to approve in the sign-in window…' : 'Waiting for the code OpenRouter shows you…';
}

export interface FailureText {
  title: string;
  body: string;
  /** OpenRouter's own words, redacted. */
  said?: string | undefined;
}

/** The failure to show in the alert region; null when all is well. */
export function failureOf(phase: Phase): FailureText | null {
  switch (phase.kind) {
    case 'blocked': {
      const [title, body] = BLOCKED[phase.cause];
      return { title, body };
    }
    case 'denied':
      return { title: 'Sign-in was not completed', body: `OpenRouter returned “${phase.error}”.`, said: phase.description };
    case 'ignored':
      return phase.reason === 'unproven'
        ? {
            title: 'Keymint did not use this code',
            body: `${UNPROVEN} Paste a code instead, or use Redirect in a tab of its own.`,
          }
        : null;
    case 'failed': {
      const { retryable, detail } = phase.failure;
      if (phase.maybeMinted) {
        return {
          title: 'A key may exist already',
          body: 'An earlier try did not finish, and the code is now used: that try may have made a key. Revoke any key you do not have.',
          said: detail,
        };
      }
      const step = phase.step ?? 'exchange';
      const [unfinished, refused] = FAILED_TITLES[step];
      return { title: retryable ? unfinished : refused, body: failureMessage(phase.failure, phase.step ? 'create-code' : 'exchange'), said: detail };
    }
    default:
      return null;
  }
}
