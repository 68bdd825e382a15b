import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl, expiresAtForBody, SDK_BODY_ORDER, toWireBody } from '../../src/wire/request';
import { FORM_FIELDS, snakeCase, WIRE_NAMES } from '../../src/wire/fields';

const ORIGIN = 'https://openrouter.ai';

describe('toWireBody', () => {
  it('uses the snake_case wire names in the SDK order, expires_at with milliseconds, and leaves out empty fields', () => {
    const body = toWireBody({
      workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
      usageLimitType: 'monthly',
      keyLabel: 'CI key',
      expiresAt: '2027-12-31T23:59:59Z',
      limit: 0,
      codeChallengeMethod: 'S256',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      callbackUrl: 'https://myapp.com/auth/callback',
    });
    expect(JSON.stringify(body)).toBe(
      '{"callback_url":"https://myapp.com/auth/callback","code_challenge":"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",' +
        '"code_challenge_method":"S256","expires_at":"2027-12-31T23:59:59.000Z","key_label":"CI key","limit":0,' +
        '"usage_limit_type":"monthly","workspace_id":"3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f"}',
    );
  });

  it('keeps a zero limit but drops undefined and empty strings', () => {
    expect(toWireBody({ callbackUrl: 'https://a.example/', limit: 0, keyLabel: '', workspaceId: undefined })).toEqual({
      callback_url: 'https://a.example/',
      limit: 0,
    });
  });

  it('sends expires_at as Date#toISOString() does, whatever the instant', () => {
    expect(toWireBody({ expiresAt: '2027-01-01T00:00:00Z' })).toEqual({ expires_at: '2027-01-01T00:00:00.000Z' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        date.setUTCMilliseconds(0);
        const seconds = date.toISOString().replace('.000Z', 'Z');
        expect(toWireBody({ expiresAt: seconds }).expires_at).toBe(date.toISOString());
      }),
    );
  });

  it.each([['2027-01-01T00:00:00'], ['2027-01-01T00:00Z'], ['next tuesday'], ['2027-13-01T00:00:00Z']])(
    'leaves the non-UTC or invalid expiry %j untouched rather than guess a zone',
    (text) => {
      expect(expiresAtForBody(text)).toBe(text);
    },
  );

  it('lists every body field once in SDK_BODY_ORDER', () => {
    expect([...SDK_BODY_ORDER].sort()).toEqual(Object.keys(WIRE_NAMES).sort());
  });

  it('maps each of the eight CreateAuthKeysCodeRequestBody fields to one wire name, in the form’s order', () => {
    expect(Object.values(WIRE_NAMES)).toEqual([
      'callback_url',
      'key_label',
      'limit',
      'usage_limit_type',
      'expires_at',
      'code_challenge',
      'code_challenge_method',
      'workspace_id',
    ]);
    for (const [field, wire] of Object.entries(WIRE_NAMES)) expect(snakeCase(field)).toBe(wire);
    expect(FORM_FIELDS).toEqual(Object.keys(WIRE_NAMES).filter((field) => field !== 'codeChallenge'));
  });
});

describe('buildAuthorizeUrl', () => {
  const base = {
    callbackUrl: 'https://keymint.example/app/',
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    codeChallengeMethod: 'S256' as const,
  };

  it('opens <origin>/auth with the PKCE core, then state, then the settings', () => {
    const url = new URL(buildAuthorizeUrl(ORIGIN, { ...base, limit: 12.5, usageLimitType: 'daily' }, 'state-123456789012345'));
    expect(url.origin + url.pathname).toBe('https://openrouter.ai/auth');
    expect([...url.searchParams.keys()]).toEqual(['callback_url', 'code_challenge', 'code_challenge_method', 'state', 'limit', 'usage_limit_type']);
    expect(url.searchParams.get('limit')).toBe('12.5');
  });

  it.each([
    ['ampersand', 'Tom & Jerry'],
    ['hash', 'key #2'],
    ['percent', '100% safe'],
    ['plus and equals', 'a+b=c'],
    ['emoji', 'ключ 🔑 鍵'],
    ['query look-alike', '?callback_url=https://evil.example'],
  ])('round-trips a label with %s through the URL', (_, label) => {
    const url = new URL(buildAuthorizeUrl(ORIGIN, { ...base, keyLabel: label }, 'state-123456789012345'));
    expect(url.searchParams.get('key_label')).toBe(label);
    expect(url.searchParams.getAll('callback_url')).toEqual([base.callbackUrl]);
  });

  it('follows the configured origin for a stand-in, and never carries a verifier field', () => {
    const href = buildAuthorizeUrl('http://127.0.0.1:4010', base, 'state-123456789012345');
    expect(href.startsWith('http://127.0.0.1:4010/auth?')).toBe(true);
    expect(href).not.toContain('verifier');
  });

  it('keeps expires_at in whole seconds in the URL, unlike the JSON body', () => {
    const url = new URL(buildAuthorizeUrl(ORIGIN, { ...base, expiresAt: '2027-01-01T00:00:00Z', keyLabel: 'k', limit: 5 }, 'state-123456789012345'));
    expect(url.searchParams.get('expires_at')).toBe('2027-01-01T00:00:00Z');
    // The settings follow the form's order.
    expect([...url.searchParams.keys()].slice(4)).toEqual(['key_label', 'limit', 'expires_at']);
  });

  it('omits callback_url for the headless form', () => {
    const url = new URL(buildAuthorizeUrl(ORIGIN, { codeChallenge: 'x'.repeat(43), codeChallengeMethod: 'S256', keyLabel: 'CLI' }));
    expect(url.searchParams.has('callback_url')).toBe(false);
    expect(url.searchParams.get('key_label')).toBe('CLI');
  });

  it('keeps state after the PKCE core even when no method is given', () => {
    const url = new URL(buildAuthorizeUrl(ORIGIN, { callbackUrl: base.callbackUrl, keyLabel: 'k' }, 'state-123456789012345'));
    expect([...url.searchParams.keys()]).toEqual(['callback_url', 'state', 'key_label']);
  });
});
