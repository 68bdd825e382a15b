import { h } from 'preact';
import type { Phase } from '../flow/session';
import { PASTE_INPUT, WAIT_TITLE } from './ids';

interface Props {
  phase: Extract<Phase, { kind: 'waiting' }>;
  pasted: string;
  onInput: (text: string) => void;
  onPaste: () => void;
  onCancel: () => void;
}

/** While OpenRouter has the person: what to do there, and the field for a code shown on screen. */
export function WaitingPanel({ phase, pasted, onInput, onPaste, onCancel }: Props) {
  const asksForCode = phase.via === 'paste' || phase.lost;
  // The button's click is handled too: see MintForm.
  const submit = (e: Event) => {
    e.preventDefault();
    onPaste();
  };
  return (
    <section class="box" aria-labelledby={WAIT_TITLE}>
      <h2 id={WAIT_TITLE} tabIndex={-1}>
        {phase.lost ? 'The sign-in window closed' : 'Approve on OpenRouter'}
      </h2>
      {phase.via === 'popup' && !phase.lost && <p>Approve in the OpenRouter window. This page finishes by itself when you do.</p>}
      {phase.lost && (
        <p>
          Closed, or OpenRouter’s page cut its link to this one. If it shows a code, paste it below; otherwise cancel and
          start again.
        </p>
      )}
      {phase.via === 'paste' && (
        <p>
          OpenRouter’s sign-in page opened in a new tab; after you approve, it shows a code.{' '}
          <a href={phase.url} target="_blank" rel="noopener noreferrer">
            Open it again
          </a>
        </p>
      )}
      {asksForCode && (
        <form onSubmit={submit} noValidate>
          <label for={PASTE_INPUT}>Code from OpenRouter</label>
          <input
            id={PASTE_INPUT}
            value={pasted}
            autocomplete="off"
            spellcheck={false}
            aria-invalid={phase.pasteError ? 'true' : undefined}
            aria-describedby={phase.pasteError ? `${PASTE_INPUT}-error` : undefined}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
          {phase.pasteError && (
            <p class="error" id={`${PASTE_INPUT}-error`}>
              {phase.pasteError}
            </p>
          )}
          <button type="submit" class="primary" onClick={submit}>
            Exchange code
          </button>
        </form>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
