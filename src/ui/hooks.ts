// The App's hooks onto the flow layer: the session's phase, and the PKCE material for the next sign-in.
import { useEffect, useRef, useState } from 'preact/hooks';
import { createDraft, type PkceDraft } from '../flow/pkce';
import type { Phase, Session } from '../flow/session';

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
