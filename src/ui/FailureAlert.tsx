import type { Phase } from '../flow/session';
import { ALERT_TITLE } from './ids';
import { failureOf } from './phase';

interface Props {
  phase: Phase;
  /** OpenRouter's list of the account's keys. */
  keysPage: string;
  /** This page with its query, for opening Keymint in a tab of its own. */
  ownTabUrl: string;
  onRetry: () => void;
  onPaste: () => void;
  onRestart: () => void;
}

/**
 * The alert region: always in the page, so that filling it is announced. A failure says what went
 * wrong and offers what can be done about it.
 */
export function FailureAlert({ phase, keysPage, ownTabUrl, onRetry, onPaste, onRestart }: Props) {
  const failure = failureOf(phase);
  const blocked = phase.kind === 'blocked';
  // Where a popup cannot work or cannot be trusted, pasting the code still can.
  const offerPaste = blocked || (phase.kind === 'ignored' && phase.reason === 'unproven');
  return (
    <div role="alert" class={failure ? 'box alert' : ''}>
      {failure && (
        <>
          <h2 id={ALERT_TITLE} tabIndex={-1}>
            {failure.title}
          </h2>
          <p>{failure.body}</p>
          {failure.said && <p>OpenRouter said: {failure.said}</p>}
          {phase.kind === 'failed' && phase.maybeMinted && (
            <p>
              <a href={keysPage} target="_blank" rel="noopener noreferrer">
                Your OpenRouter keys
              </a>
            </p>
          )}
          {phase.kind === 'failed' && phase.failure.retryable && (
            <button type="button" class="primary" onClick={onRetry}>
              Retry
            </button>
          )}
          {blocked && (
            <>
              <a href={ownTabUrl} target="_blank" rel="noopener noreferrer">
                Open Keymint in a new tab
              </a>{' '}
            </>
          )}
          {offerPaste && (
            <button type="button" onClick={onPaste}>
              Sign in by pasting a code
            </button>
          )}
          <button type="button" onClick={onRestart}>
            {blocked ? 'Back to the form' : 'Start again'}
          </button>
        </>
      )}
    </div>
  );
}
