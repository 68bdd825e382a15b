import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { Sender } from '../../src/flow/callback';
import { takeCallbackFromUrl } from '../../src/flow/callback-url';
import {
  CALLBACK_MESSAGE,
  handBack,
  isSignInWindow,
  MAX_MESSAGE_FIELD,
  readCallbackMessage,
  SIGN_IN_WINDOW_PREFIX,
  signInWindowName,
} from '../../src/flow/popup';

const OWN = 'https://keymint.example';
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const event = (data: unknown, origin = OWN) => ({ origin, data });
const good = { type: CALLBACK_MESSAGE, sender: 'openrouter', code: 'the-code', state: STATE };

describe('readCallbackMessage', () => {
  it('reads our callback at our origin', () => {
    expect(readCallbackMessage(event(good), OWN)).toEqual({ params: { code: 'the-code', state: STATE, repeated: false }, sender: 'openrouter' });
  });

  it.each<Sender>(['openrouter', 'other', 'unknown'])('passes the sender %s on for the caller to judge', (sender) => {
    expect(readCallbackMessage(event({ ...good, sender }), OWN)?.sender).toBe(sender);
  });

  it('reads a denial, and a code without state', () => {
    expect(readCallbackMessage(event({ type: CALLBACK_MESSAGE, sender: 'unknown', error: 'access_denied', errorDescription: 'no' }), OWN)).toEqual({
      params: { error: 'access_denied', errorDescription: 'no', repeated: false },
      sender: 'unknown',
    });
    expect(readCallbackMessage(event({ type: CALLBACK_MESSAGE, sender: 'openrouter', code: 'c' }), OWN)).toEqual({
      params: { code: 'c', repeated: false },
      sender: 'openrouter',
    });
  });

  it('keeps `repeated`, so the callback is refused as malformed later', () => {
    expect(readCallbackMessage(event({ ...good, repeated: true }), OWN)?.params.repeated).toBe(true);
    expect(readCallbackMessage(event({ ...good, repeated: false }), OWN)?.params.repeated).toBe(false);
  });

  it('skips fields sent as undefined, as the callback page sends the ones the URL lacked', () => {
    const message = readCallbackMessage(event({ ...good, state: undefined, error: undefined, errorDescription: undefined, repeated: false }), OWN);
    expect(message?.params).toEqual({ code: 'the-code', repeated: false });
    expect(Object.keys(message!.params).sort()).toEqual(['code', 'repeated']);
  });

  it('takes each field up to its limit', () => {
    const long = 'x'.repeat(MAX_MESSAGE_FIELD);
    expect(readCallbackMessage(event({ ...good, code: long, state: long }), OWN)?.params).toMatchObject({ code: long, state: long });
    expect(readCallbackMessage(event({ type: CALLBACK_MESSAGE, sender: 'unknown', error: long, errorDescription: long }), OWN)?.params).toMatchObject({
      error: long,
      errorDescription: long,
    });
  });

  it.each([
    ['a foreign origin', 'https://docs.example.com'],
    ['OpenRouter’s origin', 'https://openrouter.ai'],
    ['the null origin', 'null'],
    ['our origin on another port', 'https://keymint.example:8443'],
    ['our host over http', 'http://keymint.example'],
  ])('ignores a well-formed message from %s', (_, origin) => {
    expect(readCallbackMessage(event(good, origin), OWN)).toBeNull();
  });

  it.each([
    ['a string', JSON.stringify(good)],
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [good]],
    ['a wrong type', { ...good, type: 'oauth' }],
    ['no type', { sender: 'openrouter', code: 'c', state: STATE }],
    ['no sender', { type: CALLBACK_MESSAGE, code: 'c', state: STATE }],
    ['an unknown sender', { ...good, sender: 'evil' }],
    ['a sender spelt otherwise', { ...good, sender: 'OpenRouter' }],
    ['a non-string sender', { ...good, sender: ['openrouter'] }],
    ['neither code nor error', { type: CALLBACK_MESSAGE, sender: 'openrouter', state: STATE }],
    ['a non-string code', { ...good, code: 42 }],
    ['a null code', { ...good, code: null }],
    ['an object code', { ...good, code: { toString: () => 'c' } }],
    ['a non-string state', { ...good, state: 1 }],
    ['an oversized code', { ...good, code: 'c'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an oversized state', { ...good, state: 's'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an oversized error', { type: CALLBACK_MESSAGE, sender: 'unknown', error: 'e'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an oversized description', { type: CALLBACK_MESSAGE, sender: 'unknown', error: 'x', errorDescription: 'd'.repeat(MAX_MESSAGE_FIELD + 1) }],
    ['an extra key', { ...good, key: 'sk-or-v1-x' }],
    ['a snake_case description', { type: CALLBACK_MESSAGE, sender: 'unknown', error: 'x', error_description: 'd' }],
    ['a non-boolean repeated', { ...good, repeated: 'false' }],
    ['an own __proto__ key', JSON.parse(`{"type":"${CALLBACK_MESSAGE}","sender":"openrouter","code":"c","__proto__":{"state":"${STATE}"}}`)],
    ['a class instance', Object.assign(new (class Message {})(), good)],
    ['an object without prototype', Object.assign(Object.create(null) as object, good)],
    ['a Date', new Date()],
    ['a Map', new Map(Object.entries(good))],
  ])('ignores %s without throwing', (_, data) => {
    expect(readCallbackMessage(event(data), OWN)).toBeNull();
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withDate: true }),
        fc.string(),
        (data, origin) => {
          const result = readCallbackMessage(event(data, origin), OWN);
          expect(result === null || typeof result === 'object').toBe(true);
        },
      ),
    );
  });

  it('never throws for messages of nearly the right shape, and takes only string fields within the limit', () => {
    const value = fc.oneof(fc.string({ maxLength: MAX_MESSAGE_FIELD + 2 }), fc.anything(), fc.constant(undefined));
    fc.assert(
      fc.property(
        fc.record({ code: value, state: value, error: value, errorDescription: value, repeated: fc.oneof(fc.boolean(), fc.anything()) }, { requiredKeys: [] }),
        fc.constantFrom<Sender>('openrouter', 'other', 'unknown'),
        (fields, sender) => {
          const result = readCallbackMessage(event({ type: CALLBACK_MESSAGE, sender, ...fields }), OWN);
          if (!result) return;
          expect(result.sender).toBe(sender);
          expect(typeof result.params.repeated).toBe('boolean');
          for (const name of ['code', 'state', 'error', 'errorDescription'] as const) {
            const field = result.params[name];
            if (field !== undefined) {
              expect(typeof field).toBe('string');
              expect(field.length).toBeLessThanOrEqual(MAX_MESSAGE_FIELD);
            }
          }
          expect(result.params.code !== undefined || result.params.error !== undefined).toBe(true);
        },
      ),
    );
  });
});

describe('handBack, in the sign-in window', () => {
  const opener = () => ({ closed: false, location: { origin: OWN }, postMessage: vi.fn() });

  it('posts the answer with its sender to a same-origin opener, to our origin only, and leaves closing to the opener', () => {
    const target = opener();
    const win = { opener: target, close: vi.fn(), location: { origin: OWN } };
    expect(handBack(win as never, { code: 'c', state: STATE, repeated: false }, 'openrouter')).toBe(true);
    expect(target.postMessage).toHaveBeenCalledExactlyOnceWith({ type: CALLBACK_MESSAGE, sender: 'openrouter', code: 'c', state: STATE, repeated: false }, OWN);
    expect(win.close).not.toHaveBeenCalled();
  });

  it.each([
    ['a denial with its description', { error: 'access_denied', errorDescription: 'Denied', repeated: false }, 'unknown'],
    // The opener refuses it, as it would a repeated redirect callback.
    ['a callback with a repeated parameter, as repeated', { code: 'first', state: STATE, repeated: true }, 'openrouter'],
    ['a code without state from another site', { code: 'c', repeated: false }, 'other'],
  ] as const)('carries %s, which the opener reads back as sent', (_, params, sender) => {
    const target = opener();
    handBack({ opener: target, location: { origin: OWN } } as never, params, sender);
    const [data, targetOrigin] = target.postMessage.mock.calls[0]!;
    expect(targetOrigin).toBe(OWN);
    expect(data).toEqual({ type: CALLBACK_MESSAGE, sender, ...params });
    expect(readCallbackMessage(event(data), OWN)).toEqual({ params, sender });
  });

  it('carries a callback as taken off the URL, with the fields it lacked as undefined', () => {
    const target = opener();
    const params = takeCallbackFromUrl(`${OWN}/?code=c&state=${STATE}`, { replaceState: vi.fn() })!;
    handBack({ opener: target, location: { origin: OWN } } as never, params, 'unknown');
    const [data] = target.postMessage.mock.calls[0]!;
    expect(readCallbackMessage(event(data), OWN)).toEqual({ params: { code: 'c', state: STATE, repeated: false }, sender: 'unknown' });
  });

  it('posts nothing without an opener (cut by the consent page’s COOP, or a tab of its own)', () => {
    expect(handBack({ opener: null, location: { origin: OWN } } as never, { code: 'c', repeated: false }, 'openrouter')).toBe(false);
  });

  it('posts nothing to a closed opener', () => {
    const target = { ...opener(), closed: true };
    expect(handBack({ opener: target, location: { origin: OWN } } as never, { code: 'c', repeated: false }, 'openrouter')).toBe(false);
    expect(target.postMessage).not.toHaveBeenCalled();
  });

  it('posts to an opener whose location cannot be read (a partitioned frame), with our origin as the only target', () => {
    const partitioned = {
      closed: false,
      postMessage: vi.fn(),
      get location(): never {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    };
    expect(handBack({ opener: partitioned, location: { origin: OWN } } as never, { code: 'c', repeated: false }, 'openrouter')).toBe(true);
    // At any other origin the browser drops the message: the target origin is ours alone.
    expect(partitioned.postMessage).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ code: 'c' }), OWN);
  });
});

describe('sign-in windows', () => {
  it('get a name of the prefix and a random part, different each time', () => {
    const names = new Set(Array.from({ length: 20 }, signInWindowName));
    expect(names.size).toBe(20);
    for (const name of names) expect(name).toMatch(new RegExp(`^${SIGN_IN_WINDOW_PREFIX}[0-9a-f-]{36}$`));
  });

  it('are told by their name', () => {
    expect(isSignInWindow({ name: signInWindowName() })).toBe(true);
    expect(isSignInWindow({ name: SIGN_IN_WINDOW_PREFIX })).toBe(true);
  });

  it.each(['', 'keymint', 'keymint-signin', 'x-keymint-signin-1', 'KEYMINT-SIGNIN-1', '_blank'])('are not windows named %j', (name) => {
    expect(isSignInWindow({ name })).toBe(false);
  });
});
