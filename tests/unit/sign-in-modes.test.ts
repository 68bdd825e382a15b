import { describe, expect, it } from 'vitest';
import { blankForm, type FormValues } from '../../src/wire/fields';
import {
  blockingLimit,
  deriveRequest,
  isSignInMode,
  runnableMode,
  SIGN_IN_MODE_NAMES,
  SIGN_IN_MODES,
  type PageLimit,
  type SignInMode,
} from '../../src/wire/sign-in-modes';

const NOW = new Date('2026-01-10T12:00:00Z');
const PAGE = 'https://keymint.example/tools/';
const FORM_CALLBACK = 'https://app.example/callback';
const ALL_LIMITS: PageLimit[] = ['insecure', 'framed', 'no-storage', 'opaque-origin'];

const form = (over: Partial<FormValues> = {}): FormValues => ({ ...blankForm(FORM_CALLBACK), keyLabel: 'Docs demo', limit: '5', ...over });

describe('the table of sign-in modes', () => {
  it('has one row per mode, in the order redirect, popup, paste, key', () => {
    expect(SIGN_IN_MODE_NAMES).toEqual(['redirect', 'popup', 'paste', 'key']);
    expect(Object.keys(SIGN_IN_MODES)).toEqual(SIGN_IN_MODE_NAMES);
  });

  it('redirect: this page as callback (only it holds the verifier), leaves the page, so the verifier persists; needs a secure top-level page with storage', () => {
    expect(SIGN_IN_MODES.redirect).toEqual({
      callback: 'page',
      forcesS256: false,
      opensAuth: true,
      persists: true,
      unavailableWhen: ['insecure', 'framed', 'no-storage'],
    });
  });

  it('popup: this page as callback, verifier in memory; works framed and without storage, not from an opaque origin', () => {
    expect(SIGN_IN_MODES.popup).toEqual({
      callback: 'page',
      forcesS256: false,
      opensAuth: true,
      persists: false,
      unavailableWhen: ['insecure', 'opaque-origin'],
    });
  });

  it('paste: no callback, S256 forced (headless mode takes nothing else), works anywhere secure', () => {
    expect(SIGN_IN_MODES.paste).toEqual({ callback: 'none', forcesS256: true, opensAuth: true, persists: false, unavailableWhen: ['insecure'] });
  });

  it('key: the form’s callback, opens no /auth page, works anywhere secure', () => {
    expect(SIGN_IN_MODES.key).toEqual({ callback: 'form', forcesS256: false, opensAuth: false, persists: false, unavailableWhen: ['insecure'] });
  });

  it('rules every mode out in an insecure context, where Web Crypto is missing', () => {
    for (const mode of SIGN_IN_MODE_NAMES) expect(SIGN_IN_MODES[mode].unavailableWhen).toContain('insecure');
  });
});

describe('isSignInMode', () => {
  it.each(['redirect', 'popup', 'paste', 'key'])('knows %s', (text) => {
    expect(isSignInMode(text)).toBe(true);
  });

  it.each(['', 'auto', 'Redirect', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('refuses %j, own modes only', (text) => {
    expect(isSignInMode(text)).toBe(false);
  });
});

describe('blockingLimit', () => {
  it('is undefined when the page has no limits', () => {
    for (const mode of SIGN_IN_MODE_NAMES) expect(blockingLimit(mode, [])).toBeUndefined();
  });

  it.each<[PageLimit, SignInMode[], SignInMode[]]>([
    ['insecure', ['redirect', 'popup', 'paste', 'key'], []],
    ['framed', ['redirect'], ['popup', 'paste', 'key']],
    ['no-storage', ['redirect'], ['popup', 'paste', 'key']],
    ['opaque-origin', ['popup'], ['redirect', 'paste', 'key']],
  ])('%s stops %j and nothing else', (limit, stopped, free) => {
    for (const mode of stopped) expect(blockingLimit(mode, [limit])).toBe(limit);
    for (const mode of free) expect(blockingLimit(mode, [limit])).toBeUndefined();
  });

  it('names the first limit in the mode’s own order, whatever order the page lists them in', () => {
    expect(blockingLimit('redirect', ['no-storage', 'framed', 'insecure'])).toBe('insecure');
    expect(blockingLimit('redirect', ['no-storage', 'framed'])).toBe('framed');
    expect(blockingLimit('popup', ['framed', 'no-storage', 'opaque-origin'])).toBe('opaque-origin');
  });
});

describe('runnableMode', () => {
  it('keeps the wanted mode when it can run', () => {
    for (const mode of SIGN_IN_MODE_NAMES) expect(runnableMode(mode, [])).toBe(mode);
    expect(runnableMode('paste', ['framed', 'no-storage', 'opaque-origin'])).toBe('paste');
  });

  it('falls back to the first mode in table order that can run', () => {
    // A framed page: no redirect, so the popup.
    expect(runnableMode('redirect', ['framed'])).toBe('popup');
    expect(runnableMode('redirect', ['no-storage'])).toBe('popup');
    // A sandbox without allow-same-origin: no storage and an opaque origin, so paste.
    expect(runnableMode('redirect', ['framed', 'no-storage', 'opaque-origin'])).toBe('paste');
    expect(runnableMode('popup', ['opaque-origin'])).toBe('redirect');
  });

  it('is undefined when no mode can run: an insecure context', () => {
    for (const mode of SIGN_IN_MODE_NAMES) {
      expect(runnableMode(mode, ['insecure'])).toBeUndefined();
      expect(runnableMode(mode, ALL_LIMITS)).toBeUndefined();
    }
  });
});

describe('deriveRequest', () => {
  it('redirect: sends this page as the callback and the form’s method', () => {
    const derived = deriveRequest('redirect', form({ codeChallengeMethod: 'plain' }), PAGE, NOW);
    expect(derived.valid).toBe(true);
    expect(derived.body).toEqual({ callbackUrl: PAGE, keyLabel: 'Docs demo', limit: 5, codeChallengeMethod: 'plain' });
    expect(derived.shown).toEqual(form({ callbackUrl: PAGE, codeChallengeMethod: 'plain' }));
    // plain is allowed, with its warning.
    expect(derived.reports.codeChallengeMethod?.hint).toEqual({ hint: 'plain-method' });
  });

  it('redirect: never sends another site’s callback, whatever the form holds (the code would go where no verifier is)', () => {
    const derived = deriveRequest('redirect', form({ callbackUrl: 'https://example.com/' }), PAGE, NOW);
    expect(derived.valid).toBe(true);
    expect(derived.body.callbackUrl).toBe(PAGE);
    expect(derived.shown.callbackUrl).toBe(PAGE);
  });

  it('key: reports a bad form callback', () => {
    const derived = deriveRequest('key', form({ callbackUrl: 'http://evil.example/' }), PAGE, NOW);
    expect(derived.valid).toBe(false);
    expect(derived.reports.callbackUrl?.problem).toEqual({ problem: 'not-https' });
    expect(derived.body).not.toHaveProperty('callbackUrl');
  });

  it('popup: sends this page as the callback, whatever the form says, and shows it', () => {
    const derived = deriveRequest('popup', form({ callbackUrl: 'not a url' }), PAGE, NOW);
    expect(derived.valid).toBe(true);
    expect(derived.body).toEqual({ callbackUrl: PAGE, keyLabel: 'Docs demo', limit: 5, codeChallengeMethod: 'S256' });
    expect(derived.shown).toEqual(form({ callbackUrl: PAGE }));
    expect(derived.reports).not.toHaveProperty('callbackUrl');
  });

  it('popup: keeps the form’s method', () => {
    const derived = deriveRequest('popup', form({ codeChallengeMethod: 'plain' }), PAGE, NOW);
    expect(derived.body.codeChallengeMethod).toBe('plain');
    expect(derived.shown.codeChallengeMethod).toBe('plain');
  });

  it('popup: checks the page address as the callback it is', () => {
    const derived = deriveRequest('popup', form(), 'https://keymint.example:8443/', NOW);
    expect(derived.body.callbackUrl).toBe('https://keymint.example:8443/');
    expect(derived.reports.callbackUrl).toBeUndefined();
  });

  it('paste: no callback at all, S256 even when the form says plain, and no report about the callback', () => {
    const derived = deriveRequest('paste', form({ codeChallengeMethod: 'plain', callbackUrl: 'not a url' }), PAGE, NOW);
    expect(derived.valid).toBe(true);
    expect(derived.body).toEqual({ keyLabel: 'Docs demo', limit: 5, codeChallengeMethod: 'S256' });
    expect(derived.body).not.toHaveProperty('callbackUrl');
    expect(derived.reports).not.toHaveProperty('callbackUrl');
    // Nor the warning about plain: the form shows S256.
    expect(derived.reports).not.toHaveProperty('codeChallengeMethod');
    expect(derived.shown).toEqual(form({ callbackUrl: '', codeChallengeMethod: 'S256' }));
  });

  it('paste: a page address that would be a bad callback does not matter, as none is sent', () => {
    // Loopback addresses such as [::1] and *.localhost are secure contexts, where every mode may run, but the
    // callback rule takes http:// only on localhost and 127.0.0.1. A port other than 443 or 3000 only warns.
    for (const page of ['http://[::1]:5173/', 'http://app.localhost:5173/', 'https://keymint.example:8443/']) {
      const derived = deriveRequest('paste', form(), page, NOW);
      expect(derived.body).not.toHaveProperty('callbackUrl');
      expect(derived.reports).toEqual({});
      expect(derived.valid).toBe(true);
    }
  });

  it('paste: still refuses the other fields’ errors', () => {
    const derived = deriveRequest('paste', form({ limit: '-1' }), PAGE, NOW);
    expect(derived.valid).toBe(false);
    expect(derived.reports.limit?.problem).toBeDefined();
    expect(derived.body).not.toHaveProperty('limit');
  });

  it('key: sends the form’s callback and method', () => {
    const derived = deriveRequest('key', form({ codeChallengeMethod: 'plain' }), PAGE, NOW);
    expect(derived.valid).toBe(true);
    expect(derived.body).toEqual({ callbackUrl: FORM_CALLBACK, keyLabel: 'Docs demo', limit: 5, codeChallengeMethod: 'plain' });
    expect(derived.shown).toEqual(form({ codeChallengeMethod: 'plain' }));
    expect(deriveRequest('key', form({ callbackUrl: '' }), PAGE, NOW).valid).toBe(false);
  });

  it('checks expiry against `now` in every mode', () => {
    for (const mode of SIGN_IN_MODE_NAMES) {
      const past = deriveRequest(mode, form({ expiresAt: '2026-01-10T12:00:00' }), PAGE, NOW);
      expect(past.valid).toBe(false);
      expect(past.reports.expiresAt?.problem).toEqual({ problem: 'past' });
      const future = deriveRequest(mode, form({ expiresAt: '2026-01-10T14:00:00' }), PAGE, NOW);
      expect(future.body.expiresAt).toBe('2026-01-10T13:00:00Z');
    }
  });

  it('does not change the values it was given', () => {
    const values = form({ codeChallengeMethod: 'plain' });
    const copy = { ...values };
    for (const mode of SIGN_IN_MODE_NAMES) deriveRequest(mode, values, PAGE, NOW);
    expect(values).toEqual(copy);
  });
});
