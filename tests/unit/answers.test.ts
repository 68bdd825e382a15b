import { describe, expect, it } from 'vitest';
import type { ApiAnswer, ApiFailure } from '../../src/wire/answer';
import { interpretCreateCode } from '../../src/wire/create-code';
import { interpretExchange } from '../../src/wire/exchange';
import { interpretKeyInfo } from '../../src/wire/key-info';
import { COMMON_WORDS, failureMessage, WORDS, type Endpoint } from '../../src/ui/answers';
import { failureOf, statusOf } from '../../src/ui/phase';

const SECRETS = ['auth_code_abc123def456', 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'];
const err = (code: number, message: string) => JSON.stringify({ error: { code, message } });
const INTERPRET: Record<Endpoint, (answer: ApiAnswer) => { ok: true } | { ok: false; failure: ApiFailure }> = {
  exchange: (answer) => interpretExchange(answer, SECRETS),
  'create-code': (answer) => interpretCreateCode(answer, SECRETS),
  'key-info': (answer) => interpretKeyInfo(answer, SECRETS[0]!),
};
/** The words the person reads for `answer` at `endpoint`. */
const words = (endpoint: Endpoint, answer: ApiAnswer) => {
  const result = INTERPRET[endpoint](answer);
  if (result.ok) throw new Error('expected a failure');
  return failureMessage(result.failure, endpoint);
};
const http = (status: number, text = '', retryAfter: string | null = null): ApiAnswer => ({ status, text, retryAfter });
const ENDPOINTS = Object.keys(INTERPRET) as Endpoint[];

describe('the words for each reason', () => {
  it('give every reason in the tables plain, non-empty words', () => {
    const failure: ApiFailure = { retryable: false, status: 400, reason: '' };
    for (const table of [COMMON_WORDS, ...Object.values(WORDS)]) {
      for (const [reason, said] of Object.entries(table)) {
        const text = typeof said === 'function' ? said({ ...failure, reason }) : said;
        expect(text, reason).toMatch(/^\S.*\.$/);
        expect(text).not.toMatch(/undefined|NaN/);
      }
    }
  });

  it('have words for every reason the wire layer gives, whatever the status, body or lack of answer', () => {
    const bodies = [
      '',
      'not json',
      '{}',
      err(0, 'Invalid code_challenge_method'),
      err(0, 'Authorization code expired'),
      err(0, 'Missing Authentication header'),
      err(0, 'User not found.'),
    ];
    for (const endpoint of ENDPOINTS) {
      const reasons = new Set<string>();
      const answers: ApiAnswer[] = [{ failed: 'unreachable' }, { failed: 'timeout' }];
      for (let status = 100; status < 600; status++) for (const body of bodies) answers.push(http(status, body, '7'));
      const unsaid: string[] = [];
      for (const answer of answers) {
        const result = INTERPRET[endpoint](answer);
        if (result.ok) continue;
        reasons.add(result.failure.reason);
        const text = failureMessage(result.failure, endpoint);
        if (!/^\S.*\.$/.test(text) || /undefined|NaN/.test(text)) unsaid.push(`${JSON.stringify(answer)}: ${text}`);
      }
      expect(unsaid, endpoint).toEqual([]);
      // Every reason an endpoint names in its table does happen.
      for (const reason of Object.keys(WORDS[endpoint])) expect(reasons, `${endpoint} ${reason}`).toContain(reason);
    }
  });
});

describe('failureMessage', () => {
  it.each([
    [http(200, '{}'), 'OpenRouter answered without a key. Retry reuses the code.'],
    [http(400, err(400, 'Invalid code_challenge_method')), 'The challenge method does not match the sign-in’s. Start again for a new code.'],
    [http(400, err(400, 'Invalid request parameters')), 'OpenRouter called the request invalid. Start again for a new code.'],
    [http(403, err(403, 'Invalid code or code_verifier')), 'The code is used or from another sign-in. Start again for a new code.'],
    [http(403, err(403, 'Authorization code expired')), 'The code expired: codes last 10 minutes. Start again for a new code.'],
    [http(403, 'Forbidden'), 'The code is used or from another sign-in. Start again for a new code.'],
    [http(405, 'Method Not Allowed'), 'The exchange needs POST over HTTPS: check Keymint’s OpenRouter URL.'],
    [http(401, err(401, 'Missing Authentication header')), 'OpenRouter refused the request (HTTP 401). Start again for a new code.'],
    [http(404), 'OpenRouter refused the request (HTTP 404). Start again for a new code.'],
    [http(408), 'OpenRouter failed (HTTP 408). Retry reuses the code.'],
    [http(429, err(429, 'Rate limit exceeded')), 'OpenRouter is rate-limiting: wait a moment. Retry reuses the code.'],
    [http(429, '', '30'), 'OpenRouter is rate-limiting: wait 30 s. Retry reuses the code.'],
    [http(429, '', ' 0 '), 'OpenRouter is rate-limiting: wait 0 s. Retry reuses the code.'],
    [http(429, '', 'Wed, 21 Oct 2015 07:28:00 GMT'), 'OpenRouter is rate-limiting: wait a moment. Retry reuses the code.'],
    [http(500, err(500, 'Internal Server Error')), 'OpenRouter failed (HTTP 500). Retry reuses the code.'],
    [http(502, '<html>Bad gateway</html>'), 'OpenRouter failed (HTTP 502). Retry reuses the code.'],
    [{ failed: 'unreachable' }, 'OpenRouter is unreachable: offline, or blocked by the browser (CORS). Retry reuses the code.'],
    [{ failed: 'timeout' }, 'OpenRouter did not answer in time. Retry reuses the code.'],
  ] as const)('says, for the exchange answered %j, %j', (answer, text) => {
    expect(words('exchange', answer)).toBe(text);
  });

  it.each([
    [http(200, '{"data":{}}'), 'OpenRouter sent no code (no data.id). Try again.'],
    [http(400, err(400, 'Invalid request parameters')), 'OpenRouter called the request invalid: fix the form.'],
    [http(401, err(401, 'Missing Authentication header')), 'OpenRouter got no key. Paste a valid key.'],
    [http(401, err(401, 'No auth credentials found')), 'OpenRouter got no key. Paste a valid key.'],
    [http(401, err(401, 'User not found.')), 'OpenRouter did not accept this key. Paste a valid key, copied whole.'],
    [http(403, err(403, 'Only management keys can perform this operation')), 'OpenRouter refused this key: try the other kind, management or regular.'],
    [http(409, err(409, 'Resource conflict. Please try again later.')), 'OpenRouter reported a conflict. Try again.'],
    [http(429, '', '30'), 'OpenRouter is rate-limiting (HTTP 429). Try again.'],
    [http(408), 'OpenRouter failed (HTTP 408). Try again.'],
    [http(503), 'OpenRouter failed (HTTP 503). Try again.'],
    [http(404), 'OpenRouter refused the request (HTTP 404).'],
    [http(405, 'Method Not Allowed'), 'OpenRouter refused the request (HTTP 405).'],
    // Unreachable may mean blocked by the browser (CORS): a program runs outside it.
    [
      { failed: 'unreachable' },
      'OpenRouter is unreachable: offline, or blocked by the browser (CORS). Try again, or run a program from “As code”, outside the browser.',
    ],
    [{ failed: 'timeout' }, 'OpenRouter did not answer in time. Try again.'],
  ] as const)('says, for creating a code answered %j, %j', (answer, text) => {
    expect(words('create-code', answer)).toBe(text);
  });

  it.each([
    [http(200, 'not json'), 'OpenRouter sent an unexpected answer (HTTP 200).'],
    [http(401, err(401, 'User not found.')), 'OpenRouter does not know the key yet (HTTP 401).'],
    [http(429, '', '30'), 'OpenRouter is rate-limiting (HTTP 429).'],
    [http(408), 'OpenRouter failed (HTTP 408).'],
    [http(500), 'OpenRouter failed (HTTP 500).'],
    [http(403), 'OpenRouter refused the request (HTTP 403).'],
    [{ failed: 'unreachable' }, 'OpenRouter is unreachable: offline, or blocked by the browser (CORS).'],
    [{ failed: 'timeout' }, 'OpenRouter did not answer in time.'],
  ] as const)('says, for the key check answered %j, %j', (answer, text) => {
    expect(words('key-info', answer)).toBe(text);
  });

  it('advises by endpoint: Retry or Start again for the exchange, Try again for a code, nothing for the check', () => {
    for (let status = 200; status < 600; status++) {
      const exchange = INTERPRET.exchange(http(status));
      if (exchange.ok) continue;
      const advice = exchange.failure.retryable ? / Retry reuses the code\.$/ : status === 405 ? /URL\.$/ : / Start again for a new code\.$/;
      expect(failureMessage(exchange.failure, 'exchange')).toMatch(advice);
      const code = INTERPRET['create-code'](http(status));
      if (code.ok) continue;
      expect(failureMessage(code.failure, 'create-code').endsWith(' Try again.')).toBe(code.failure.retryable);
      expect(words('key-info', http(status))).not.toMatch(/again/);
    }
  });

  it('never shows OpenRouter’s own message or a secret: those are the detail’s, shown apart', () => {
    for (const endpoint of ENDPOINTS) {
      const text = words(endpoint, http(400, err(400, `Invalid code_challenge_method for ${SECRETS.join(' ')}`)));
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).not.toContain('Invalid');
    }
  });
});

describe('the failure alert', () => {
  const failure = (endpoint: Endpoint, answer: ApiAnswer) => {
    const result = INTERPRET[endpoint](answer);
    if (result.ok) throw new Error('expected a failure');
    return result.failure;
  };

  it('words a failed exchange and a failed request for a code by their own tables', () => {
    expect(failureOf({ kind: 'failed', failure: failure('exchange', http(403, err(403, 'Invalid code or code_verifier'))) })).toEqual({
      title: 'OpenRouter refused the code',
      body: 'The code is used or from another sign-in. Start again for a new code.',
      said: 'Invalid code or code_verifier',
    });
    expect(failureOf({ kind: 'failed', step: 'code', failure: failure('create-code', { failed: 'unreachable' }) })).toEqual({
      title: 'The request for a code did not finish',
      body: 'OpenRouter is unreachable: offline, or blocked by the browser (CORS). Try again, or run a program from “As code”, outside the browser.',
      said: undefined,
    });
  });
});

describe('the status line', () => {
  it('says nothing more when the sign-in window closed: the panel’s heading, which the focus enters, says it', () => {
    const waiting = { kind: 'waiting', mode: 'popup', url: 'https://openrouter.ai/auth', body: {} } as const;
    expect(statusOf(waiting)).toBe('Waiting for you to approve in the sign-in window…');
    expect(statusOf({ ...waiting, lost: true })).toBe('');
  });
});
