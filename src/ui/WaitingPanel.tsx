import type { Phase } from '../flow/session';
import { Field } from './Field';
import { PASTE_INPUT, WAIT_TITLE } from './ids';
import { PASTE_PROBLEM } from './phase';

interface Props {
  phase: Extract<Phase, { kind: 'waiting' }>;
  onPaste: (text: string) => void;
  onCancel: () => void;
}

/** While OpenRouter has the person: what to do there, and the field for a code shown on screen. */
export function WaitingPanel({ phase, onPaste, onCancel }: Props) {
  const { mode, lost, pasteProblem } = phase;
  // The button's click is handled too: see MintForm. The field is given no value, so it keeps its
  // own text: the panel, and the text with it, goes once the code is taken or the sign-in is cancelled.
  const submit = (e: Event) => {
    e.preventDefault();
    onPaste((document.getElementById(PASTE_INPUT) as HTMLInputElement).value);
  };
  return (
    <section class="box" aria-labelledby={WAIT_TITLE}>
      <h2 id={WAIT_TITLE} tabIndex={-1}>
        {lost ? 'The sign-in window closed' : 'Approve on OpenRouter'}
      </h2>
      {/* Only a popup gets lost. */}
      {lost ? (
        <p>If the sign-in window is still open and shows a code or a line to paste, paste it below; otherwise cancel.</p>
      ) : mode === 'popup' ? (
        <p>Approve there; this page finishes by itself.</p>
      ) : (
        <p>
          OpenRouter opened in a new tab; it shows a code once you approve.{' '}
          <a href={phase.url} target="_blank" rel="noopener noreferrer">
            Open it again
          </a>
        </p>
      )}
      {(mode === 'paste' || lost) && (
        <form onSubmit={submit} noValidate>
          <Field id={PASTE_INPUT} label="Code from OpenRouter" spellcheck={false} error={pasteProblem && PASTE_PROBLEM[pasteProblem]} />
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
