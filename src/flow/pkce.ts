// Fresh PKCE material for one sign-in, from Web Crypto through oauth4webapi.
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { CodeChallengeMethod } from '../wire/fields';

export interface PkceDraft {
  verifier: string;
  /** base64url(SHA-256(verifier)). */
  s256Challenge: string;
  state: string;
}

/** A draft for a given verifier and state (RFC 7636 §4.2 for the S256 challenge). */
export async function draftFor(verifier: string, state: string): Promise<PkceDraft> {
  return { verifier, s256Challenge: await calculatePKCECodeChallenge(verifier), state };
}

/** 32 random bytes each for the verifier and the state, independent of each other. */
export function createDraft(): Promise<PkceDraft> {
  return draftFor(generateRandomCodeVerifier(), generateRandomState());
}

/** With `plain` the challenge is the verifier itself. */
export function challengeFor(draft: PkceDraft, method: CodeChallengeMethod): string {
  return method === 'S256' ? draft.s256Challenge : draft.verifier;
}
