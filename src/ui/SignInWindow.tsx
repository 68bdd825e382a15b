import { useEffect, useState } from 'preact/hooks';
import { Copyable, type OnCopy } from './Copyable';

/** How long the sign-in window waits for Keymint to take the answer (and close it) before saying it did not. */
export const HAND_BACK_WAIT_MS = 3000;

interface Props {
  /** The answer was posted to the Keymint that opened this window. */
  handedBack: boolean;
  /** Otherwise, the answer to paste into that Keymint; null when this window cannot vouch for it. */
  answer: string | null;
  onCopy: OnCopy;
}

/**
 * The whole page in a sign-in window that came back from OpenRouter, or in a tab that holds an answer
 * for a sign-in elsewhere: it never exchanges a code itself.
 */
export function SignInWindow({ handedBack, answer, onCopy }: Props) {
  const [late, setLate] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setLate(true), HAND_BACK_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  if (handedBack) {
    return (
      <p role="status">
        {late ? 'Keymint did not take this answer, so nothing was exchanged. Close this window and start again there.' : 'Handing the answer back to Keymint…'}
      </p>
    );
  }
  if (!answer) {
    return <p role="status">This window lost its link to Keymint, so it does not show this answer. Close it and start again in Keymint.</p>;
  }
  // Only what to do with the answer: nothing here can use it.
  return (
    <section class="box" aria-labelledby="handoff-title">
      <h2 id="handoff-title">Finish in the Keymint that started this sign-in</h2>
      <p>Paste this whole line there; it works once, within 10 minutes.</p>
      <Copyable what="answer" text={answer} onCopy={onCopy} />
    </section>
  );
}
