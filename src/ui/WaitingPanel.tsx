import type { Phase } from '../flow/session';
import { Field } from './Field';
import { PASTE_INPUT, WAIT_TITLE } from './ids';
import { PASTE_PROBLEM } from './phase';

interface Props {
  phase: Extract<Phase, { kind: 'waiting' }>;
  onPaste: (text: string) => void;
  /** Ends this sign-in for one by pasting a code. */
  onPasteMode: () => void;
  onCancel: () => void;
}

/** What to do while waiting, by what the panel knows of the sign-in's page. */
function instructions(phase: Props['phase']) {
  // Only a popup gets lost.
  if (phase.lost) return <p>If it still shows a code or a line to paste, paste that below; otherwise cancel.</p>;
  if (phase.mode === 'popup') return <p>Approve there; this page finishes by itself.</p>;
  // The tab opens without a link back (noopener), so whether the browser let it open is not known here.
  return (
    <p>
      OpenRouter shows a code in a new tab once you approve. No tab?{' '}
      <a href={phase.url} target="_blank" rel="noopener noreferrer">
        Open OpenRouter
      </a>
    </p>
  );
}

/** While OpenRouter has the person: what to do there, and the field for a code shown on screen. */
export function WaitingPanel({ phase, onPaste, onPasteMode, onCancel }: Props) {
  const { mode, lost, unproven, pasteProblem } = phase;
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
      {instructions(phase)}
      {(mode === 'paste' || lost) && (
        <form onSubmit={submit} noValidate>
          <Field id={PASTE_INPUT} label="Code from OpenRouter" spellcheck={false} error={pasteProblem && PASTE_PROBLEM[pasteProblem]} />
          <button type="submit" class="primary" onClick={submit}>
            Exchange code
          </button>
        </form>
      )}
      {/* The status line says why: the window sent an answer Keymint could not tie to this sign-in. */}
      {unproven && (
        <>
          <button type="button" onClick={onPasteMode}>
            Sign in by pasting a code
          </button>{' '}
        </>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
