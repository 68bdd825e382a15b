import { describe, expect, it, vi } from 'vitest';
import { createDraft, draftFor, signInRequest } from '../../src/flow/pkce';

describe('PKCE drafts', () => {
  it('derives the RFC 7636 appendix B challenge from its verifier', async () => {
    const draft = await draftFor('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'state-value-that-is-long-enough');
    expect(draft.s256Challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    const challenge = (codeChallengeMethod?: 'S256' | 'plain') => signInRequest('https://openrouter.ai', { codeChallengeMethod }, draft).body.codeChallenge;
    expect(challenge()).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(challenge('S256')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    expect(challenge('plain')).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('makes 43-character verifiers and states from 32 random bytes, never Math.random', async () => {
    const random = vi.spyOn(Math, 'random');
    const getRandomValues = vi.spyOn(crypto, 'getRandomValues');
    const draft = await createDraft();
    expect(draft.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(draft.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(draft.state).not.toBe(draft.verifier);
    expect(getRandomValues.mock.calls.map(([array]) => (array as Uint8Array).length)).toEqual([32, 32]);
    expect(random).not.toHaveBeenCalled();
    random.mockRestore();
    getRandomValues.mockRestore();
  });

  it('never repeats a verifier or a state', async () => {
    const drafts = await Promise.all(Array.from({ length: 2000 }, () => createDraft()));
    const values = new Set(drafts.flatMap((d) => [d.verifier, d.state]));
    expect(values.size).toBe(4000);
  });
});
