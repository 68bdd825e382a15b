import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCallbackUrl,
  checkCodeChallengeMethod,
  checkExpiresAt,
  checkKeyLabel,
  checkLimit,
  checkUsageLimitType,
  checkWorkspaceId,
  type Checked,
} from '../../src/wire/validate';
import { checkForm, type FormValues } from '../../src/wire/fields';
import { hintText, problemText } from '../../src/ui/problems';

const NOW = new Date('2030-01-01T00:00:00Z');
/** The value, or the problem's code. */
const value = <T>(result: Checked<T>) => (result.ok ? result.value : `problem: ${result.problem.problem}`);
/** The problem, with its values. */
const problem = <T>(result: Checked<T>) => (result.ok ? undefined : result.problem);

describe('callback_url', () => {
  it.each([
    ['https://keymint.example/', 'https://keymint.example/'],
    ['  https://keymint.example/app?x=1  ', 'https://keymint.example/app?x=1'],
    ['http://localhost:51423/callback', 'http://localhost:51423/callback'],
    ['http://127.0.0.1:4173/', 'http://127.0.0.1:4173/'],
  ])('accepts %j', (raw, expected) => {
    expect(value(checkCallbackUrl(raw))).toBe(expected);
  });

  it.each([
    ['', 'not-url'],
    ['keymint.example', 'not-url'],
    ['http://keymint.example/', 'not-https'],
    ['http://192.168.1.2/', 'not-https'],
    ['http://localhost.evil.example/', 'not-https'],
    ['javascript:alert(1)', 'not-https'],
    ['data:text/html,hi', 'not-https'],
    ['ftp://keymint.example/', 'not-https'],
    ['https://user:pw@keymint.example/', 'has-credentials'],
    ['https://keymint.example/#frag', 'has-fragment'],
  ])('rejects %j', (raw, code) => {
    expect(checkCallbackUrl(raw)).toEqual({ ok: false, problem: { problem: code } });
  });

  it('takes https and localhost on any port, without a hint (OpenRouter’s spec since June 2026)', () => {
    for (const raw of ['https://keymint.example:8443/', 'https://keymint.example:3000/', 'http://localhost:8443/'])
      expect(checkCallbackUrl(raw), raw).toEqual({ ok: true, value: raw, hint: undefined });
  });
});

describe('key_label', () => {
  it('trims and allows up to 100 characters, counted as characters not UTF-16 units', () => {
    expect(value(checkKeyLabel('  My key  '))).toBe('My key');
    expect(value(checkKeyLabel('🔑'.repeat(100)))).toBe('🔑'.repeat(100));
    expect(value(checkKeyLabel(''))).toBeUndefined();
  });
  it('rejects 101 characters and control characters', () => {
    expect(problem(checkKeyLabel('a'.repeat(101)))).toEqual({ problem: 'too-long', max: 100, length: 101 });
    // Characters, not UTF-16 units.
    expect(problem(checkKeyLabel('🔑'.repeat(101)))).toEqual({ problem: 'too-long', max: 100, length: 101 });
    expect(value(checkKeyLabel('line\nbreak'))).toBe('problem: control-chars');
    expect(value(checkKeyLabel('bell\u0007'))).toBe('problem: control-chars');
    expect(value(checkKeyLabel('c1\u0085'))).toBe('problem: control-chars');
  });
});

describe('limit', () => {
  it.each([
    ['', undefined],
    ['0', 0],
    ['5', 5],
    ['12.34', 12.34],
    ['12.5', 12.5],
    ['.5', 0.5],
    [' 7 ', 7],
    ['1000000', 1_000_000],
  ])('accepts %j', (raw, expected) => {
    expect(value(checkLimit(raw))).toBe(expected);
  });
  it.each([
    ['-1', 'negative'],
    ['abc', 'not-digits'],
    ['NaN', 'not-digits'],
    ['Infinity', 'not-digits'],
    ['1e309', 'not-digits'],
    ['1e3', 'not-digits'],
    ['0x10', 'not-digits'],
    ['0.001', 'sub-cent'],
    ['1,5', 'not-digits'],
    ['1000000.01', 'too-big'],
  ])('rejects %j', (raw, code) => {
    expect(value(checkLimit(raw))).toBe(`problem: ${code}`);
  });

  it('names the largest limit', () => {
    expect(problem(checkLimit('1000000.01'))).toEqual({ problem: 'too-big', max: 1_000_000 });
  });
});

describe('usage_limit_type, code_challenge_method, workspace_id', () => {
  it('accepts only the enumerated reset intervals', () => {
    expect(['', 'daily', 'weekly', 'monthly'].map((v) => value(checkUsageLimitType(v)))).toEqual([undefined, 'daily', 'weekly', 'monthly']);
    expect(problem(checkUsageLimitType('yearly'))).toEqual({ problem: 'not-one-of', choices: ['daily', 'weekly', 'monthly'] });
    expect(value(checkUsageLimitType('Daily'))).toBe('problem: not-one-of');
  });
  it('allows S256 plainly and plain with a warning', () => {
    expect(checkCodeChallengeMethod('S256')).toEqual({ ok: true, value: 'S256' });
    expect(checkCodeChallengeMethod('plain')).toEqual({ ok: true, value: 'plain', hint: { hint: 'plain-method' } });
    expect(problem(checkCodeChallengeMethod('s256'))).toEqual({ problem: 'not-one-of', choices: ['S256', 'plain'] });
  });
  it('accepts a UUID in any case and sends it lowercase', () => {
    expect(value(checkWorkspaceId('3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F'))).toBe('3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f');
    expect(value(checkWorkspaceId('3f2b8c1e9d4a4b6f8e2d1a2b3c4d5e6f'))).toBe('problem: not-uuid');
  });
});

describe('expires_at', () => {
  it('converts a future local time to UTC with seconds', () => {
    expect(value(checkExpiresAt('2030-06-01T12:00', NOW))).toBe('2030-06-01T10:00:00Z');
  });
  it('rejects the past, the present moment and garbage', () => {
    expect(value(checkExpiresAt('2029-12-31T23:59:59', NOW))).toBe('problem: past');
    expect(value(checkExpiresAt('2030-01-01T01:00:00', NOW))).toBe('problem: past'); // exactly now in Berlin
    expect(value(checkExpiresAt('soon', NOW))).toBe('problem: not-date');
  });
});

describe('checkForm', () => {
  const valid: FormValues = {
    callbackUrl: 'https://keymint.example/',
    keyLabel: 'Label',
    limit: '5',
    usageLimitType: 'monthly',
    expiresAt: '2031-01-01T00:00:00',
    codeChallengeMethod: 'S256',
    workspaceId: '',
  };
  it('collects the valid values in OpenRouter vocabulary', () => {
    expect(checkForm(valid, NOW)).toEqual({
      valid: true,
      reports: {},
      body: {
        callbackUrl: 'https://keymint.example/',
        keyLabel: 'Label',
        limit: 5,
        usageLimitType: 'monthly',
        expiresAt: '2030-12-31T23:00:00Z',
        codeChallengeMethod: 'S256',
      },
    });
  });
  it('reports every invalid field and leaves it out of the body', () => {
    const check = checkForm({ ...valid, limit: '-2', workspaceId: 'nope' }, NOW);
    expect(check.valid).toBe(false);
    expect(Object.keys(check.reports).sort()).toEqual(['limit', 'workspaceId']);
    expect(check.body).not.toHaveProperty('limit');
    expect(check.body.keyLabel).toBe('Label');
  });
});

describe('validators under arbitrary input', () => {
  const checks = [
    checkCallbackUrl,
    checkKeyLabel,
    checkLimit,
    checkUsageLimitType,
    (raw: string) => checkExpiresAt(raw, NOW),
    checkCodeChallengeMethod,
    checkWorkspaceId,
  ];
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.webUrl(), fc.float().map(String));

  it('never throw, and every rejection and hint comes with words', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const check of checks) {
          const result = check(raw);
          if (!result.ok) expect(problemText(result.problem).trim().length).toBeGreaterThan(5);
          else if (result.hint) expect(hintText(result.hint).trim().length).toBeGreaterThan(5);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accept every limit written as whole cents, and send exactly that number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (cents) => {
        const text = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
        expect(value(checkLimit(text))).toBe(cents / 100);
      }),
    );
  });

  it('accept every label of 1 to 100 printable characters, trimmed', () => {
    const printable = fc.string({ unit: fc.constantFrom(...'abcXYZ 019&#%?=/🔑é'.split('')), minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(
        printable.filter((s) => s.trim() !== ''),
        (label) => {
          expect(value(checkKeyLabel(label))).toBe(label.trim());
        },
      ),
    );
  });

  it('send any valid future expiry as YYYY-MM-DDTHH:MM:SSZ', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2030-01-02T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
        const sent = value(checkExpiresAt(local, NOW));
        expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }),
    );
  });
});
