import { describe, expect, it } from 'vitest';
import { MAX_DETAIL, redact } from '../../src/wire/redact';

describe('redact', () => {
  it('hides keys, long tokens and named secrets, and keeps ordinary words', () => {
    expect(redact(`key sk-or-v1-${'a'.repeat(64)} rejected`)).toBe('key [redacted] rejected');
    expect(redact('code abc123 is invalid', ['abc123'])).toBe('code [redacted] is invalid');
    expect(redact('Invalid code_challenge_method')).toBe('Invalid code_challenge_method');
  });
  it('removes control characters and bounds the length', () => {
    expect(redact('line\nbreak\u0000')).toBe('line break');
    const long = redact('word '.repeat(100));
    expect(long.length).toBe(MAX_DETAIL);
    expect(long.endsWith('…')).toBe(true);
  });
});
