import { h, Fragment } from 'preact';
import type { Phase } from '../flow/session';

interface Props {
  phase: Phase;
  /** Progress and confirmations outside the session, such as "Copied.". */
  note: string;
  /** This page with its prefill, for opening outside a frame or popup blocker. */
  newTab: string;
  onRetry: () => void;
  onRestart: () => void;
  onPaste: () => void;
  onCopy: (text: string) => void;
}

export const ALERT_TITLE = 'alert-title';

const REFUSED = {
  'no-pending': 'No sign-in from this tab is waiting for the code in the address, so Keymint ignored it.',
  'unknown-state': 'The code in the address belongs to no sign-in from this tab, so Keymint ignored it.',
  ambiguous: 'Several sign-ins from this tab are waiting and the address does not say which one this is, so Keymint ignored it.',
  malformed: 'The address held a malformed sign-in answer, so Keymint ignored it.',
  expired: 'The sign-in took more than 10 minutes, longer than an OpenRouter code lives, so Keymint ended it.',
};

const BLOCKED = {
  browser: ['The browser blocked the sign-in window', 'Allow popups for this site and press Authorize again, open Keymint in its own tab, or sign in by pasting a code.'],
  'sandbox-popups': [
    'This frame may not open windows',
    'The page embedding Keymint sandboxes it without allow-popups (and allow-popups-to-escape-sandbox). Open Keymint in its own tab, or ask the site to add those tokens.',
  ],
  'sandbox-escape': [
    'The sign-in window would stay sandboxed',
    'The page embedding Keymint sandboxes it without allow-popups-to-escape-sandbox, so OpenRouter’s page would open inside the sandbox. Open Keymint in its own tab, or ask the site to add that token.',
  ],
};

const WAITING = {
  popup: 'Waiting for you to approve in the OpenRouter window…',
  paste: 'Waiting for the code OpenRouter shows you…',
};

/** Progress in a polite live region; failures in an alert region whose heading takes focus. */
export function StatusArea({ phase, note, newTab, onRetry, onRestart, onPaste, onCopy }: Props) {
  // [title, what to do, OpenRouter's own words]
  const failure =
    phase.kind === 'failed'
      ? [
          phase.step === 'code'
            ? phase.failure.retryable
              ? 'The request for a code did not finish'
              : 'OpenRouter did not accept the request'
            : phase.failure.retryable
              ? 'The exchange did not finish'
              : 'OpenRouter refused the code',
          phase.failure.message,
          phase.failure.detail,
        ]
      : phase.kind === 'denied'
        ? ['Sign-in was not completed', `OpenRouter returned “${phase.error}”.`, phase.description]
        : phase.kind === 'blocked'
          ? BLOCKED[phase.cause]
          : null;
  const retryable = phase.kind === 'failed' && phase.failure.retryable;
  const status =
    phase.kind === 'exchanging'
      ? 'Exchanging the code for a key…'
      : phase.kind === 'waiting'
        ? phase.lost
          ? 'The sign-in window closed.'
          : WAITING[phase.via]
        : phase.kind === 'refused'
          ? REFUSED[phase.reason] + ' Start again below.'
          : note;

  return (
    <>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {phase.kind === 'refused' && phase.code && (
        <section class="box" aria-labelledby="handoff-title">
          <h2 id="handoff-title">Finish in the Keymint that started this sign-in</h2>
          <p>If you started it in another window or inside a docs page, copy this code and paste it there. It works once, within 10 minutes.</p>
          <p>
            <code data-testid="handoff-code">{phase.code}</code>
          </p>
          <button type="button" onClick={() => onCopy(phase.code!)}>
            Copy code
          </button>
        </section>
      )}
      <div role="alert" class={failure ? 'box alert' : ''}>
        {failure && (
          <>
            <h2 id={ALERT_TITLE} tabIndex={-1}>
              {failure[0]}
            </h2>
            <p>{failure[1]}</p>
            {failure[2] && <p>OpenRouter said: {failure[2]}</p>}
            {retryable && (
              <button type="button" class="primary" onClick={onRetry}>
                Retry
              </button>
            )}
            {phase.kind === 'blocked' && (
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
              {phase.kind === 'blocked' ? 'Back to the form' : 'Start again'}
            </button>
          </>
        )}
      </div>
    </>
  );
}
