// The App's hooks: the session's phase, the PKCE material for the next sign-in, the status note, and
// minting with a key the person has.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { createDraft, type PkceDraft } from '../flow/pkce';
import type { Phase, Session } from '../flow/session';
import { checkKeyFields } from '../wire/create-code';
import { copyToClipboard } from './clipboard';
import type { KeyValues } from './KeyFields';

/** The session's phase, rendered again on every change. */
export function usePhase(session: Session): Phase {
  const [phase, setPhase] = useState(session.phase);
  useEffect(() => {
    setPhase(session.phase);
    return session.subscribe(() => setPhase(session.phase));
  }, [session]);
  return phase;
}

/**
 * The next sign-in's PKCE material: `first` when the page made it before the first render, else
 * made with the first render; again after each use, so that no verifier or state is ever used
 * twice. None where the page has no Web Crypto.
 */
export function usePkceDraft(enabled: boolean, first?: PkceDraft) {
  const drafting = useRef<Promise<PkceDraft> | null>(first ? Promise.resolve(first) : null);
  const started = useRef(!!first);
  const [draft, setDraft] = useState(first);
  const make = () => {
    const next = createDraft();
    drafting.current = next;
    next.then(
      (made) => drafting.current === next && setDraft(made),
      // Only an insecure context lacks the digest, and there `enabled` is false.
      () => drafting.current === next && (drafting.current = null),
    );
  };
  // During the first render, not after it: a press held before the app was there needs it at once.
  if (enabled && !started.current) {
    started.current = true;
    make();
  }
  const renew = () => {
    if (!enabled) return;
    setDraft(undefined);
    make();
  };
  return { draft, drafting, renew };
}

/**
 * A note for the status line, beside what the phase says, and the Copy buttons' handler, which
 * fills it. Back from OpenRouter through the back/forward cache, the note goes: the page did not
 * open OpenRouter after all.
 */
export function useNote() {
  const [note, setNote] = useState('');
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => e.persisted && setNote('');
    addEventListener('pageshow', restored);
    return () => removeEventListener('pageshow', restored);
  }, []);
  const copy = (text: string) =>
    copyToClipboard(text).then((copied) => {
      setNote(copied ? 'Copied.' : 'Copy blocked: copy the text by hand.');
      return copied;
    });
  return { note, setNote, copy };
}

/**
 * Minting with a key the person has: the key and attribution they typed (memory only), whether to
 * keep the key, and their check while `active`. Once a key is minted, the existing key leaves
 * memory unless the person keeps it for another mint.
 */
export function useKeyMint(active: boolean, phase: Phase) {
  const [values, setValues] = useState<KeyValues>({});
  const [keep, setKeep] = useState(false);
  useLayoutEffect(() => {
    if (phase.kind === 'minted' && !keep) setValues(({ existingKey: _, ...rest }) => rest);
  }, [phase]);
  return { values, setValues, keep, setKeep, check: active ? checkKeyFields(values) : null };
}
