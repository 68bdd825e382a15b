import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyLinks } from '../../src/wire/key-links';
import { sha256Hex } from '../../src/flow/key-hash';

// FIPS 180-2 test vectors.
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('sha256Hex', () => {
  it('matches the SHA-256 test vectors in lowercase hex', async () => {
    expect(await sha256Hex('abc')).toBe(ABC);
    expect(await sha256Hex('')).toBe(EMPTY);
  });

  it('hashes the UTF-8 bytes of the key', async () => {
    // SHA-256 of the two UTF-8 bytes c3 a9.
    expect(await sha256Hex('\u00e9')).toBe('4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    expect(await sha256Hex('é')).not.toBe(await sha256Hex('e\u0301'));
  });

  it('always gives 64 lowercase hex digits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), async (key) => {
        expect(await sha256Hex(key)).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: 30 },
    );
  });
});

describe('keyLinks', () => {
  it('links to the key settings and to the activity filtered by the hash', async () => {
    expect(keyLinks('https://openrouter.ai', await sha256Hex('abc'))).toEqual({
      settings: `https://openrouter.ai/keys/${ABC}`,
      activity: `https://openrouter.ai/logs?api_key_hash=${ABC}`,
    });
  });

  it('follows the configured origin', async () => {
    expect(keyLinks('http://127.0.0.1:4010/ignored', await sha256Hex('abc')).settings).toBe(`http://127.0.0.1:4010/keys/${ABC}`);
  });

  it('takes only a hash that sha256Hex made (checked by tsc)', () => {
    // Only the type stands between keyLinks and arbitrary text in a path: this line must not compile.
    // @ts-expect-error A plain string is not a KeyHash.
    const unchecked = () => keyLinks('https://openrouter.ai', '../admin');
    expect(unchecked).toBeTypeOf('function');
  });

  it('links the hash that sha256Hex computes for a key', async () => {
    const hash = await sha256Hex(`sk-or-v1-${'ab'.repeat(32)}`);
    expect(keyLinks('https://openrouter.ai', hash).activity).toBe(`https://openrouter.ai/logs?api_key_hash=${hash}`);
  });
});
