// Fresh PKCE material for one sign-in, from Web Crypto through oauth4webapi.
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import { buildAuthorizeUrl } from '../wire/request';

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

/** The request a draft signs: the body with its challenge and method, and the /auth URL. */
export function signInRequest(origin: string, body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft) {
  const method = body.codeChallengeMethod ?? 'S256';
  // With `plain` the challenge is the verifier itself.
  const full = { ...body, codeChallenge: method === 'S256' ? draft.s256Challenge : draft.verifier, codeChallengeMethod: method };
  return { body: full, url: buildAuthorizeUrl(origin, full, draft.state) };
}
