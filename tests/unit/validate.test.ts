import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCallbackUrl,
  checkCodeChallengeMethod,
  checkExpiresAt,
  checkForm,
  checkKeyLabel,
  checkLimit,
  checkUsageLimitType,
  checkWorkspaceId,
  type Checked,
} from '../../src/wire/validate';
import type { FormValues } from '../../src/wire/fields';

const NOW = new Date('2030-01-01T00:00:00Z');
const value = <T>(result: Checked<T>) => (result.ok ? result.value : `error: ${result.error}`);

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
    ['', 'Enter a full https:// URL'],
    ['keymint.example', 'Enter a full https:// URL'],
    ['http://keymint.example/', 'http:// only on localhost'],
    ['http://192.168.1.2/', 'http:// only on localhost'],
    ['http://localhost.evil.example/', 'http:// only on localhost'],
    ['javascript:alert(1)', 'Use https://'],
    ['data:text/html,hi', 'Use https://'],
    ['ftp://keymint.example/', 'Use https://'],
    ['https://user:pw@keymint.example/', 'user name and password'],
    ['https://keymint.example/#frag', '#fragment'],
  ])('rejects %j', (raw, message) => {
    const result = checkCallbackUrl(raw);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });

  it('hints, without blocking, at https on ports other than 443 and 3000', () => {
    const result = checkCallbackUrl('https://keymint.example:8443/');
    expect(result).toMatchObject({ ok: true, hint: expect.stringContaining('port 8443') });
    expect(checkCallbackUrl('https://keymint.example:3000/')).toMatchObject({ ok: true, hint: undefined });
    expect(checkCallbackUrl('http://localhost:8443/')).toMatchObject({ ok: true, hint: undefined });
  });
});

describe('key_label', () => {
  it('trims and allows up to 100 characters, counted as characters not UTF-16 units', () => {
    expect(value(checkKeyLabel('  My key  '))).toBe('My key');
    expect(value(checkKeyLabel('🔑'.repeat(100)))).toBe('🔑'.repeat(100));
    expect(value(checkKeyLabel(''))).toBeUndefined();
  });
  it('rejects 101 characters and control characters', () => {
    expect(value(checkKeyLabel('a'.repeat(101)))).toContain('at most 100 characters (this has 101)');
    expect(value(checkKeyLabel('line\nbreak'))).toContain('control characters');
    expect(value(checkKeyLabel('bell\u0007'))).toContain('control characters');
    expect(value(checkKeyLabel('c1\u0085'))).toContain('control characters');
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
    ['-1', '0 or more'],
    ['abc', 'plain digits'],
    ['NaN', 'plain digits'],
    ['Infinity', 'plain digits'],
    ['1e309', 'plain digits'],
    ['1e3', 'plain digits'],
    ['0x10', 'plain digits'],
    ['0.001', 'at most 2 decimals'],
    ['1,5', 'plain digits'],
    ['1000000.01', 'at most 1000000'],
  ])('rejects %j', (raw, message) => {
    expect(value(checkLimit(raw))).toContain(message);
  });
});

describe('usage_limit_type, code_challenge_method, workspace_id', () => {
  it('accepts only the enumerated reset intervals', () => {
    expect(['', 'daily', 'weekly', 'monthly'].map((v) => value(checkUsageLimitType(v)))).toEqual([undefined, 'daily', 'weekly', 'monthly']);
    expect(value(checkUsageLimitType('yearly'))).toContain('daily, weekly or monthly');
    expect(value(checkUsageLimitType('Daily'))).toContain('error');
  });
  it('allows S256 plainly and plain with a warning', () => {
    expect(checkCodeChallengeMethod('S256')).toEqual({ ok: true, value: 'S256' });
    expect(checkCodeChallengeMethod('plain')).toMatchObject({ ok: true, value: 'plain', hint: expect.stringContaining('Prefer S256') });
    expect(value(checkCodeChallengeMethod('s256'))).toContain('S256 or plain');
  });
  it('accepts a UUID in any case and sends it lowercase', () => {
    expect(value(checkWorkspaceId('3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F'))).toBe('3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f');
    expect(value(checkWorkspaceId('3f2b8c1e9d4a4b6f8e2d1a2b3c4d5e6f'))).toContain('UUID');
  });
});

describe('expires_at', () => {
  it('converts a future local time to UTC with seconds', () => {
    expect(value(checkExpiresAt('2030-06-01T12:00', NOW))).toBe('2030-06-01T10:00:00Z');
  });
  it('rejects the past, the present moment and garbage', () => {
    expect(value(checkExpiresAt('2029-12-31T23:59:59', NOW))).toContain('future');
    expect(value(checkExpiresAt('2030-01-01T01:00:00', NOW))).toContain('future'); // exactly now in Berlin
    expect(value(checkExpiresAt('soon', NOW))).toContain('full date and time');
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

  it('never throw, and every rejection comes with a message', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        for (const check of checks) {
          const result = check(raw);
          if (!result.ok) expect(result.error.trim().length).toBeGreaterThan(5);
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
