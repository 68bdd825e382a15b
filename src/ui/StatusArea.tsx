import { h, Fragment } from 'preact';
import type { Phase } from '../flow/session';

interface Props {
  phase: Phase;
  /** Progress and confirmations outside the session, such as "Copied.". */
  note: string;
  onRetry: () => void;
  onRestart: () => void;
}

export const ALERT_TITLE = 'alert-title';

/** Progress in a polite live region; failures in an alert region whose heading takes focus. */
export function StatusArea({ phase, note, onRetry, onRestart }: Props) {
  // [title, what to do, OpenRouter's own words]
  const failure =
    phase.kind === 'failed'
      ? [phase.failure.retryable ? 'The exchange did not finish' : 'OpenRouter refused the code', phase.failure.message, phase.failure.detail]
      : phase.kind === 'denied'
        ? ['Sign-in was not completed', `OpenRouter returned “${phase.error}”.`, phase.description]
        : null;
  const retryable = phase.kind === 'failed' && phase.failure.retryable;
  const status =
    phase.kind === 'exchanging'
      ? 'Exchanging the code for a key…'
      : phase.kind === 'refused'
        ? 'Keymint ignored the code in the address: no sign-in from this tab is waiting for it. Start again below.'
        : note;

  return (
    <>
      <p role="status" aria-live="polite">
        {status}
      </p>
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
            <button type="button" onClick={onRestart}>
              Start again
            </button>
          </>
        )}
      </div>
    </>
  );
}
