import { h, Fragment } from 'preact';
import type { PopupBlock } from '../flow/popup-open';
import type { Phase } from '../flow/session';
import { ALERT_TITLE } from './ids';

const REFUSED = {
  'no-pending': 'No sign-in from this tab is waiting for the code in the address, so Keymint ignored it.',
  'unknown-state': 'The code in the address matches no sign-in from this tab, so Keymint ignored it.',
  ambiguous: 'Several sign-ins from this tab are waiting and the address does not say which, so Keymint ignored it.',
  malformed: 'The address held a malformed sign-in answer, so Keymint ignored it.',
  expired: 'The sign-in took over 10 minutes, the life of an OpenRouter code, so Keymint ended it.',
};

// [title, what to do]; the alert then offers a new tab, a pasted code and the way back.
const BLOCKED: Record<PopupBlock, [string, string]> = {
  browser: ['The browser blocked the sign-in window', 'Allow popups for this site and press Authorize again.'],
  'sandbox-popups': [
    'This frame may not open windows',
    'The embedding page’s sandbox lacks allow-popups; ask the site to add it and allow-popups-to-escape-sandbox.',
  ],
  'sandbox-escape': [
    'The sign-in window would stay sandboxed',
    'The embedding page’s sandbox lacks allow-popups-to-escape-sandbox; ask the site to add it.',
  ],
};

/** What the polite live region says in this phase; empty when it has nothing to add. */
export function statusOf(phase: Phase): string {
  if (phase.kind === 'exchanging') return 'Exchanging the code for a key…';
  if (phase.kind === 'refused') return `${REFUSED[phase.reason]} Start again below.`;
  if (phase.kind !== 'waiting') return '';
  if (phase.lost) return 'The sign-in window closed.';
  return phase.via === 'popup' ? 'Waiting for you to approve in the OpenRouter window…' : 'Waiting for the code OpenRouter shows you…';
}

interface AlertActions {
  /** This page with its prefill, for opening outside a frame or a popup blocker. */
  newTab: string;
  onRetry: () => void;
  onRestart: () => void;
  onPaste: () => void;
}

/** The failure to show in the alert region, with what can be done about it; null when all is well. */
export const alertOf = (phase: Phase, { newTab, onRetry, onRestart, onPaste }: AlertActions) => {
  // [title, what to do, OpenRouter's own words]
  let text: (string | undefined)[];
  if (phase.kind === 'failed') {
    const { retryable, message, detail } = phase.failure;
    const title =
      phase.step === 'code'
        ? retryable
          ? 'The request for a code did not finish'
          : 'OpenRouter did not accept the request'
        : retryable
          ? 'The exchange did not finish'
          : 'OpenRouter refused the code';
    text = [title, message, detail];
  } else if (phase.kind === 'denied') text = ['Sign-in was not completed', `OpenRouter returned “${phase.error}”.`, phase.description];
  else if (phase.kind === 'blocked') text = BLOCKED[phase.cause];
  else return null;
  const blocked = phase.kind === 'blocked';
  return (
    <>
      <h2 id={ALERT_TITLE} tabIndex={-1}>
        {text[0]}
      </h2>
      <p>{text[1]}</p>
      {text[2] && <p>OpenRouter said: {text[2]}</p>}
      {phase.kind === 'failed' && phase.failure.retryable && (
        <button type="button" class="primary" onClick={onRetry}>
          Retry
        </button>
      )}
      {blocked && (
        <>
          <a href={newTab} target="_blank" rel="noopener noreferrer">
            Open Keymint in a new tab
          </a>{' '}
          <button type="button" onClick={onPaste}>
            Sign in by pasting a code
          </button>
        </>
      )}
      <button type="button" onClick={onRestart}>
        {blocked ? 'Back to the form' : 'Start again'}
      </button>
    </>
  );
};

/** A code that arrived here but belongs to a sign-in elsewhere: shown so it can be carried there. */
export const handoffOf = (phase: Phase, onCopy: (text: string) => void) => {
  if (phase.kind !== 'refused' || !phase.code) return null;
  const { code } = phase;
  return (
    <section class="box" aria-labelledby="handoff-title">
      <h2 id="handoff-title">Finish in the Keymint that started this sign-in</h2>
      <p>Paste this code into that Keymint. It works once, within 10 minutes.</p>
      <p>
        <code data-testid="handoff-code">{code}</code>
      </p>
      <button type="button" onClick={() => onCopy(code)}>
        Copy code
      </button>
    </section>
  );
};
