import { describe, expect, it, vi } from 'vitest';
import { answerFromPaste, decideCallback, isCodeShape, senderOf, type AwaitingSignIn, type CallbackSource, type Sender } from '../../src/flow/callback';
import { takeCallbackFromUrl, type CallbackParams } from '../../src/flow/callback-url';
import { FLOW_TTL_MS } from '../../src/flow/pending';
import type { SignInMode } from '../../src/wire/sign-in-modes';

const STATE_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const STATE_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const NOW = 1_900_000_000_000;
const OPENROUTER = 'https://openrouter.ai';
const MODES: SignInMode[] = ['redirect', 'popup', 'paste', 'key'];
const SENDERS: Sender[] = ['openrouter', 'other', 'unknown'];

const params = (p: Partial<CallbackParams>): CallbackParams => ({ repeated: false, ...p });
const live = (mode: SignInMode = 'redirect', createdAt = NOW - 1000): AwaitingSignIn => ({ mode, state: STATE_A, createdAt });
/** A redirect into a top-level tab nobody holds a handle to, with no referrer. */
const address = (over: Partial<CallbackSource> = {}): CallbackSource => ({ via: 'address', exposed: false, sender: 'openrouter', ...over });
/** A message from the live sign-in's window. */
const popup = (sender: Sender = 'openrouter'): CallbackSource => ({ via: 'popup', exposed: false, sender });
/** Every source there is. */
const SOURCES: CallbackSource[] = [true, false].flatMap((exposed) =>
  SENDERS.flatMap((sender) => [address({ exposed, sender }), { via: 'popup' as const, exposed, sender }]),
);

describe('takeCallbackFromUrl', () => {
  it('removes code, state and error parameters with replaceState and returns them', () => {
    const history = { replaceState: vi.fn() };
    const params = takeCallbackFromUrl('https://k.example/app/?key_label=x&code=C0DE&state=ST4TE#top', history);
    expect(params).toEqual({ code: 'C0DE', state: 'ST4TE', error: undefined, errorDescription: undefined, repeated: false });
    expect(history.replaceState).toHaveBeenCalledExactlyOnceWith(null, '', 'https://k.example/app/?key_label=x#top');
  });

  it('takes error and error_description off the URL too', () => {
    const history = { replaceState: vi.fn() };
    const params = takeCallbackFromUrl('https://k.example/?error=access_denied&error_description=No%20thanks', history);
    expect(params).toMatchObject({ error: 'access_denied', errorDescription: 'No thanks' });
    expect(history.replaceState).toHaveBeenCalledWith(null, '', 'https://k.example/');
  });

  it('touches nothing when there is no callback', () => {
    const history = { replaceState: vi.fn() };
    expect(takeCallbackFromUrl('https://k.example/?limit=5', history)).toBeNull();
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('marks a callback whose parameters repeat', () => {
    const params = takeCallbackFromUrl('https://k.example/?code=a&code=b&state=s', { replaceState: vi.fn() });
    expect(params?.repeated).toBe(true);
  });
});

describe('decideCallback', () => {
  describe('exchange', () => {
    it('takes a code whose state is the live sign-in’s, whatever the mode and the source', () => {
      for (const mode of MODES) {
        for (const source of SOURCES) {
          expect(decideCallback(params({ code: 'c0de', state: STATE_A }), live(mode), source, NOW)).toEqual({ kind: 'exchange', code: 'c0de' });
        }
      }
    });

    it('takes a code without state for a redirect sign-in only in a tab without opener that OpenRouter sent back', () => {
      expect(decideCallback(params({ code: 'c0de' }), live('redirect'), address(), NOW)).toEqual({ kind: 'exchange', code: 'c0de' });
      // No referrer: a page holding a handle to the tab could have sent it from a no-referrer page.
      for (const sender of ['unknown', 'other'] as const) {
        expect(decideCallback(params({ code: 'c0de' }), live('redirect'), address({ sender }), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
      }
    });

    it('takes a code without state from the popup sign-in’s window when OpenRouter sent that window back', () => {
      expect(decideCallback(params({ code: 'c0de' }), live('popup'), popup('openrouter'), NOW)).toEqual({ kind: 'exchange', code: 'c0de' });
    });

    it('takes a code of up to 512 characters, of any visible characters', () => {
      for (const code of ['x', 'x'.repeat(512), 'a/b+c=d%20é', '"quoted"']) {
        expect(decideCallback(params({ code, state: STATE_A }), live(), address(), NOW)).toEqual({ kind: 'exchange', code });
      }
    });

    it('takes a sign-in just under 10 minutes old, and one created this very moment', () => {
      expect(decideCallback(params({ code: 'c', state: STATE_A }), live('redirect', NOW - FLOW_TTL_MS + 1), address(), NOW).kind).toBe('exchange');
      expect(decideCallback(params({ code: 'c', state: STATE_A }), live('redirect', NOW), address(), NOW).kind).toBe('exchange');
    });
  });

  describe('malformed', () => {
    it.each([
      ['a repeated parameter', { code: 'c', state: STATE_A, repeated: true }],
      ['a repeated parameter beside an error', { error: 'access_denied', state: STATE_A, repeated: true }],
      ['an empty code', { code: '', state: STATE_A }],
      ['a code of 513 characters', { code: 'x'.repeat(513), state: STATE_A }],
      ['a code with a space', { code: 'a b', state: STATE_A }],
      ['a code with a line break', { code: 'a\nb', state: STATE_A }],
      ['a code with a NUL', { code: 'a\u0000b', state: STATE_A }],
      ['a code with DEL', { code: 'a\u007fb', state: STATE_A }],
      ['neither code nor error', { state: STATE_A }],
    ])('ignores %s', (_, p) => {
      expect(decideCallback(params(p), live(), address(), NOW)).toEqual({ kind: 'ignored', reason: 'malformed' });
    });

    it('says malformed before anything else: with no live sign-in, or another state', () => {
      expect(decideCallback(params({ code: 'a b', state: STATE_A }), null, address(), NOW)).toEqual({ kind: 'ignored', reason: 'malformed' });
      expect(decideCallback(params({ code: 'c', state: STATE_B, repeated: true }), live(), address(), NOW)).toEqual({ kind: 'ignored', reason: 'malformed' });
      expect(decideCallback(params({ code: '' }), live('popup'), popup('unknown'), NOW)).toEqual({ kind: 'ignored', reason: 'malformed' });
    });
  });

  describe('unmatched', () => {
    it('ignores any answer when no sign-in is live, a denial too, its text unread', () => {
      for (const p of [
        { code: 'c', state: STATE_A },
        { code: 'c' },
        { error: 'access_denied', errorDescription: 'shown nowhere', state: STATE_A },
        { error: 'access_denied' },
      ]) {
        for (const source of SOURCES) expect(decideCallback(params(p), null, source, NOW)).toEqual({ kind: 'ignored', reason: 'unmatched' });
      }
    });

    it('ignores an answer for a sign-in 10 minutes old or more, or created in the future', () => {
      for (const createdAt of [NOW - FLOW_TTL_MS, NOW - FLOW_TTL_MS - 1, NOW + 1]) {
        expect(decideCallback(params({ code: 'c', state: STATE_A }), live('redirect', createdAt), address(), NOW)).toEqual({
          kind: 'ignored',
          reason: 'unmatched',
        });
        // Not even a stateless one from a proven source.
        expect(decideCallback(params({ code: 'c' }), live('redirect', createdAt), address(), NOW)).toEqual({ kind: 'ignored', reason: 'unmatched' });
        expect(decideCallback(params({ error: 'access_denied', state: STATE_A }), live('popup', createdAt), popup(), NOW)).toEqual({
          kind: 'ignored',
          reason: 'unmatched',
        });
      }
    });

    it.each([STATE_B, `${STATE_A}x`, STATE_A.slice(1), STATE_A.toUpperCase(), '', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'length'])(
      'ignores the state %j that is not the live one’s, whatever the source',
      (state) => {
        for (const mode of MODES) {
          for (const source of SOURCES) {
            expect(decideCallback(params({ code: 'c', state }), live(mode), source, NOW)).toEqual({ kind: 'ignored', reason: 'unmatched' });
          }
        }
      },
    );

    it('never denies for another sign-in’s error, and never shows its text', () => {
      const decision = decideCallback(
        params({ error: 'access_denied', errorDescription: 'Your sign-in was cancelled', state: STATE_B }),
        live(),
        address(),
        NOW,
      );
      expect(decision).toEqual({ kind: 'ignored', reason: 'unmatched' });
      expect(JSON.stringify(decision)).not.toContain('cancelled');
    });
  });

  describe('unproven', () => {
    it('ignores a stateless code in the address of a tab another page may navigate (framed, or opened by a page)', () => {
      for (const sender of SENDERS) {
        expect(decideCallback(params({ code: 'c' }), live('redirect'), address({ exposed: true, sender }), NOW)).toEqual({
          kind: 'ignored',
          reason: 'unproven',
        });
      }
    });

    it('ignores a stateless code in the address when another site sent the browser here', () => {
      expect(decideCallback(params({ code: 'c' }), live('redirect'), address({ sender: 'other' }), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
    });

    it.each(['popup', 'paste', 'key'] as const)('ignores a stateless code in the address while the live sign-in is %s, not a redirect', (mode) => {
      for (const sender of SENDERS) {
        expect(decideCallback(params({ code: 'c' }), live(mode), address({ sender }), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
      }
    });

    it.each(['unknown', 'other'] as const)('ignores a stateless code from the sign-in window whose sender is %s', (sender) => {
      expect(decideCallback(params({ code: 'c' }), live('popup'), popup(sender), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
    });

    it.each(['redirect', 'paste', 'key'] as const)('ignores a stateless code by message while the live sign-in is %s, not a popup', (mode) => {
      expect(decideCallback(params({ code: 'c' }), live(mode), popup('openrouter'), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
    });

    it('ignores a stateless error just the same, its text unread', () => {
      const decision = decideCallback(params({ error: 'access_denied', errorDescription: 'Denied by you' }), live('redirect'), address({ exposed: true }), NOW);
      expect(decision).toEqual({ kind: 'ignored', reason: 'unproven' });
      expect(decideCallback(params({ error: 'access_denied' }), live('popup'), popup('unknown'), NOW)).toEqual({ kind: 'ignored', reason: 'unproven' });
    });
  });

  describe('denied', () => {
    it('ends in a denial for an error with the live sign-in’s state, with its description', () => {
      expect(
        decideCallback(
          params({ error: 'access_denied', errorDescription: 'The user said no', state: STATE_A }),
          live(),
          address({ exposed: true, sender: 'other' }),
          NOW,
        ),
      ).toEqual({
        kind: 'denied',
        error: 'access_denied',
        description: 'The user said no',
      });
    });

    it('denies for a stateless error where a stateless code would be taken', () => {
      expect(decideCallback(params({ error: 'access_denied' }), live('redirect'), address(), NOW)).toEqual({ kind: 'denied', error: 'access_denied' });
      expect(decideCallback(params({ error: 'server_error' }), live('popup'), popup('openrouter'), NOW)).toEqual({ kind: 'denied', error: 'server_error' });
    });

    it('prefers the error when a code came along', () => {
      expect(decideCallback(params({ error: 'server_error', code: 'c', state: STATE_A }), live(), address(), NOW)).toEqual({
        kind: 'denied',
        error: 'server_error',
      });
      // Even a code of impossible shape: the error is what counts.
      expect(decideCallback(params({ error: 'server_error', code: 'a b', state: STATE_A }), live(), address(), NOW)).toEqual({
        kind: 'denied',
        error: 'server_error',
      });
    });

    it('keeps text only: no markup is interpreted, no secret-like run survives, no control characters, bounded', () => {
      const secret = `sk-or-v1-${'ab'.repeat(32)}`;
      const decision = decideCallback(
        params({ error: `access_denied\u0000${'e'.repeat(200)}`, errorDescription: `<img src=x onerror=alert(1)> denied\nfor ${secret}`, state: STATE_A }),
        live(),
        address(),
        NOW,
      );
      expect(decision.kind).toBe('denied');
      if (decision.kind !== 'denied') return;
      expect(decision.error.length).toBeLessThanOrEqual(100);
      expect(decision.error).not.toMatch(/[\u0000-\u001f]/);
      expect(decision.error.startsWith('access_denied')).toBe(true);
      expect(decision.description).toBe('<img src=x onerror=alert(1)> denied for [redacted]');
      expect(JSON.stringify(decision)).not.toContain(secret);
    });

    it('leaves out a description that is empty, or empty once redacted', () => {
      for (const errorDescription of ['', '   ', '\u0000\u0001']) {
        const decision = decideCallback(params({ error: 'access_denied', errorDescription, state: STATE_A }), live(), address(), NOW);
        expect(decision).toEqual({ kind: 'denied', error: 'access_denied' });
        expect(decision).not.toHaveProperty('description', expect.anything());
      }
    });
  });
});

describe('isCodeShape', () => {
  it('is 1 to 512 characters without spaces or control characters', () => {
    expect(isCodeShape('a')).toBe(true);
    expect(isCodeShape('a'.repeat(512))).toBe(true);
    expect(isCodeShape('')).toBe(false);
    expect(isCodeShape('a'.repeat(513))).toBe(false);
    for (const bad of [' ', '\t', '\r', '\n', '\u0000', '\u001f', '\u007f']) expect(isCodeShape(`a${bad}b`)).toBe(false);
  });
});

describe('answerFromPaste', () => {
  it('takes a bare code, trimmed', () => {
    expect(answerFromPaste('  the-code \n')).toEqual({ code: 'the-code' });
    expect(answerFromPaste('x'.repeat(512))).toEqual({ code: 'x'.repeat(512) });
  });

  it.each([
    ['nothing', ''],
    ['blanks', '  \n '],
    ['two words', 'two words'],
    ['a code with a tab', 'a\tb'],
    ['an oversized code', 'x'.repeat(513)],
  ])('refuses %s', (_, text) => {
    expect(answerFromPaste(text)).toBeNull();
  });

  it('takes the code from a whole callback URL, without state', () => {
    expect(answerFromPaste('https://keymint.example/?code=from-url')).toEqual({ code: 'from-url', state: undefined });
  });

  it('takes the code and the state from a whole callback URL, any other parameters aside', () => {
    expect(answerFromPaste(` https://keymint.example/tools/?key_label=x&code=from-url&state=${STATE_A}#top `)).toEqual({ code: 'from-url', state: STATE_A });
    expect(answerFromPaste(`HTTP://localhost:5173/?state=${STATE_B}&code=c%2Bd`)).toEqual({ code: 'c+d', state: STATE_B });
  });

  it('keeps an empty state as given, so it is not mistaken for none', () => {
    expect(answerFromPaste('https://keymint.example/?code=c&state=')).toEqual({ code: 'c', state: '' });
  });

  it.each([
    ['a repeated code', 'https://keymint.example/?code=a&code=b'],
    ['a repeated state', `https://keymint.example/?code=a&state=${STATE_A}&state=${STATE_B}`],
    ['no code', `https://keymint.example/?state=${STATE_A}`],
    ['an error instead of a code', 'https://keymint.example/?error=access_denied'],
    ['an empty code', 'https://keymint.example/?code='],
    ['a code with a space', 'https://keymint.example/?code=a%20b'],
    ['an oversized code', `https://keymint.example/?code=${'x'.repeat(513)}`],
    ['a URL that does not parse', 'https://exa mple.com/?code=c'],
    ['a URL with nothing after the scheme', 'https://'],
  ])('refuses a URL with %s', (_, text) => {
    expect(answerFromPaste(text)).toBeNull();
  });
});

describe('senderOf', () => {
  it('is unknown when no referrer came', () => {
    expect(senderOf('', OPENROUTER)).toBe('unknown');
  });

  it('is openrouter for any page at OpenRouter’s origin or on one of its subdomains', () => {
    expect(senderOf('https://openrouter.ai/', OPENROUTER)).toBe('openrouter');
    expect(senderOf('https://openrouter.ai/auth?callback_url=x', OPENROUTER)).toBe('openrouter');
    expect(senderOf('https://accounts.openrouter.ai/sign-in', OPENROUTER)).toBe('openrouter');
    expect(senderOf('https://a.b.openrouter.ai/', OPENROUTER)).toBe('openrouter');
    expect(senderOf('http://localhost:8080/auth', 'http://localhost:8080')).toBe('openrouter');
  });

  it.each([
    'https://evil.example/',
    'https://openrouter.ai.evil.example/',
    'https://evilopenrouter.ai/',
    'https://openrouter.aix/',
    'http://openrouter.ai/',
    'http://accounts.openrouter.ai/',
    'https://openrouter.ai:8443/',
    'https://accounts.openrouter.ai:8443/',
    'not a url',
    'about:blank',
  ])('is other for %j', (referrer) => {
    expect(senderOf(referrer, OPENROUTER)).toBe('other');
  });

  it('is other for another port of a local stand-in', () => {
    expect(senderOf('http://localhost:9090/', 'http://localhost:8080')).toBe('other');
  });
});
