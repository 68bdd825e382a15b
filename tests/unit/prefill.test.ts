import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parsePrefill, prefillOfRequested, type LinkMode } from '../../src/link/prefill';
import { embedSnippet, prefillLink, SANDBOX } from '../../src/link/embed';
import { blankForm } from '../../src/wire/fields';
import { ignoredText } from '../../src/ui/problems';

const LINK_MODES = ['redirect', 'popup', 'paste'];

// Tests run in Europe/Berlin (UTC+1 in January, UTC+2 in July).
const NOW = new Date('2026-01-10T12:00:00Z');

describe('prefill links', () => {
  it('keeps expires_in as given, so that a link made from the form stays relative', () => {
    expect(parsePrefill('expires_in=7d', NOW).expiresIn).toBe('7d');
    expect(parsePrefill('expires_at=2027-07-01T10:00:00Z', NOW).expiresIn).toBeUndefined();
    expect(parsePrefill('expires_in=7w', NOW).expiresIn).toBeUndefined();
  });

  it('fills every supported field, the mode and the theme', () => {
    const prefill = parsePrefill(
      '?key_label=Docs%20demo&limit=12.50&usage_limit_type=monthly&expires_at=2027-07-01T10:00:00Z' +
        '&workspace_id=3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F&mode=paste&theme=dark',
      NOW,
    );
    expect(prefill).toEqual({
      values: {
        keyLabel: 'Docs demo',
        limit: '12.50',
        usageLimitType: 'monthly',
        expiresAt: '2027-07-01T12:00:00',
        workspaceId: '3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F',
      },
      mode: 'paste',
      theme: 'dark',
      notes: [],
    });
  });

  it.each(['plain', 'S256', 'S512', ''])('never takes code_challenge_method=%s: a link must not weaken PKCE', (method) => {
    const prefill = parsePrefill(`key_label=k&code_challenge_method=${method}`, NOW);
    expect(prefill.values).toEqual({ keyLabel: 'k' });
    expect(prefill.values).not.toHaveProperty('codeChallengeMethod');
    expect(prefill.notes).toEqual([{ name: 'code_challenge_method', problem: { problem: 'method-in-form' } }]);
  });

  it.each(['redirect', 'popup', 'paste'] as const)('takes mode=%s', (mode) => {
    expect(parsePrefill(`mode=${mode}`, NOW)).toEqual({ values: {}, mode, notes: [] });
  });

  it('never takes mode=key, which needs the reader’s own key, and names the modes a link may pick', () => {
    const prefill = parsePrefill('mode=key', NOW);
    expect(prefill.mode).toBeUndefined();
    expect(prefill.notes).toEqual([{ name: 'mode', problem: { problem: 'not-one-of', choices: LINK_MODES } }]);
  });

  it('takes only the exact spelling of a mode or theme', () => {
    expect(parsePrefill('mode=Popup&theme=Dark', NOW)).toEqual({
      values: {},
      notes: [
        { name: 'mode', problem: { problem: 'not-one-of', choices: LINK_MODES } },
        { name: 'theme', problem: { problem: 'not-one-of', choices: ['light', 'dark'] } },
      ],
    });
    expect(parsePrefill('mode=%20popup', NOW).mode).toBeUndefined();
  });

  it.each([
    ['7d', '2026-01-17T13:00:00'],
    ['30d', '2026-02-09T13:00:00'],
    ['12h', '2026-01-11T01:00:00'],
  ])('turns expires_in=%s into a local expiry counted from now', (relative, local) => {
    expect(parsePrefill(`expires_in=${relative}`, NOW).values.expiresAt).toBe(local);
  });

  it.each([
    ['2027-07-01T10:00:00Z', '2027-07-01T12:00:00'],
    ['2027-07-01T10:00:00.000Z', '2027-07-01T12:00:00'],
    ['2027-07-01T10:00:00.5Z', '2027-07-01T12:00:00'],
  ])('reads expires_at=%s as UTC, to the second', (utc, local) => {
    expect(parsePrefill(`expires_at=${utc}`, NOW)).toEqual({ values: { expiresAt: local }, notes: [] });
  });

  it('prefers expires_at over expires_in, in either order, and says so', () => {
    for (const query of ['expires_in=7d&expires_at=2027-01-01T00:00:00Z', 'expires_at=2027-01-01T00:00:00Z&expires_in=7d']) {
      const prefill = parsePrefill(query, NOW);
      expect(prefill.values.expiresAt).toBe('2027-01-01T01:00:00');
      expect(prefill.notes).toEqual([{ name: 'expires_in', problem: { problem: 'both-expiries' } }]);
    }
  });

  it('never takes callback_url, and never the callback parameters as settings', () => {
    const prefill = parsePrefill('callback_url=https://evil.example/&redirect_uri=https://evil.example/', NOW);
    expect(prefill.values).toEqual({});
    expect(prefill.notes).toEqual([
      { name: 'callback_url', problem: { problem: 'callback-is-page' } },
      { name: 'redirect_uri', problem: { problem: 'unknown-parameter' } },
    ]);
  });

  it.each([
    ['limit=-1', 'limit'],
    ['limit=abc', 'limit'],
    ['limit=1e309', 'limit'],
    ['usage_limit_type=yearly', 'usage_limit_type'],
    ['expires_at=2020-01-01T00:00:00Z', 'expires_at'],
    ['expires_at=2027-01-01T00:00Z', 'expires_at'],
    ['expires_at=2027-01-01T00:00:00%2B02:00', 'expires_at'],
    ['expires_at=2027-02-31T00:00:00Z', 'expires_at'],
    ['expires_at=2027-01-01', 'expires_at'],
    ['expires_at=tomorrow', 'expires_at'],
    ['expires_in=7w', 'expires_in'],
    ['expires_in=0d', 'expires_in'],
    ['expires_in=99999d', 'expires_in'],
    ['expires_in=3651d', 'expires_in'],
    ['expires_in=7', 'expires_in'],
    ['workspace_id=nope', 'workspace_id'],
    ['code_challenge_method=S512', 'code_challenge_method'],
    ['code_challenge_method=plain', 'code_challenge_method'],
    ['mode=auto', 'mode'],
    ['mode=key', 'mode'],
    ['mode=constructor', 'mode'],
    ['mode=__proto__', 'mode'],
    ['code_challenge=abc', 'code_challenge'],
    ['toString=1', 'toString'],
    ['theme=blue', 'theme'],
    [`key_label=${'x'.repeat(101)}`, 'key_label'],
    ['key_label=a%0Ab', 'key_label'],
  ])('ignores %s with a note naming the parameter', (query, name) => {
    const prefill = parsePrefill(query, NOW);
    expect(prefill.values).toEqual({});
    expect(prefill.mode).toBeUndefined();
    expect(prefill.theme).toBeUndefined();
    expect(prefill.notes).toHaveLength(1);
    expect(prefill.notes[0]!.name).toBe(name);
  });

  it('takes the first of a repeated parameter', () => {
    const prefill = parsePrefill('limit=5&limit=500', NOW);
    expect(prefill.values.limit).toBe('5');
    expect(prefill.notes).toEqual([{ name: 'limit', problem: { problem: 'repeated' } }]);
  });

  it('says why each field value was refused, with the form’s own problem, and cuts a long name', () => {
    expect(parsePrefill('limit=-1&expires_at=2027-01-01&expires_in=7w&key_label=a%0Ab', NOW).notes).toEqual([
      { name: 'limit', problem: { problem: 'negative' } },
      { name: 'expires_at', problem: { problem: 'not-utc' } },
      { name: 'expires_in', problem: { problem: 'both-expiries' } },
      { name: 'key_label', problem: { problem: 'control-chars' } },
    ]);
    expect(parsePrefill('expires_in=7w', NOW).notes).toEqual([{ name: 'expires_in', problem: { problem: 'not-duration' } }]);
    expect(parsePrefill('expires_at=2020-01-01T00:00:00Z', NOW).notes).toEqual([{ name: 'expires_at', problem: { problem: 'past' } }]);
    expect(parsePrefill(`${'x'.repeat(50)}=1`, NOW).notes).toEqual([{ name: 'x'.repeat(40), problem: { problem: 'unknown-parameter' } }]);
  });

  it('never throws and keeps notes short, whatever the query', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const prefill = parsePrefill(query, NOW);
        for (const note of prefill.notes) expect(ignoredText(note).length).toBeLessThan(200);
        for (const field of Object.keys(prefill.values)) expect(blankForm('')).toHaveProperty(field);
      }),
    );
  });
});

describe('links and snippets for docs authors', () => {
  const values = { ...blankForm('https://keymint.example/tools/'), keyLabel: 'Docs & "demo"', limit: '5', expiresAt: '2027-07-01T12:00:00' };
  const query = (link: string) => link.slice(link.indexOf('?') + 1);

  it('puts only the set values in the query, never the callback, and reads back the same form', () => {
    const link = prefillLink('https://keymint.example/tools/', values, 'popup');
    expect(link).toBe('https://keymint.example/tools/?key_label=Docs+%26+%22demo%22&limit=5&expires_at=2027-07-01T10%3A00%3A00Z&mode=popup');
    expect(link).not.toContain('callback');
    expect(parsePrefill(query(link), NOW)).toEqual({
      values: { keyLabel: 'Docs & "demo"', limit: '5', expiresAt: '2027-07-01T12:00:00' },
      mode: 'popup',
      notes: [],
    });
  });

  it('round-trips every field but the callback and the challenge method, which links never carry', () => {
    const all = { ...values, keyLabel: 'S256', usageLimitType: 'weekly', codeChallengeMethod: 'plain', workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f' };
    const { callbackUrl, codeChallengeMethod: _method, ...rest } = all;
    const link = prefillLink(callbackUrl, all, 'paste');
    expect(link).not.toContain('code_challenge_method');
    expect(link).not.toContain('plain');
    expect(parsePrefill(query(link), NOW)).toEqual({ values: rest, mode: 'paste', notes: [] });
    expect(prefillLink(callbackUrl, { ...all, codeChallengeMethod: 'S256' }, 'paste')).toBe(link);
  });

  it.each(['redirect', 'popup', 'paste'] as const)('always names the mode %s, and reads it back', (mode) => {
    const link = prefillLink('https://keymint.example/', blankForm('https://keymint.example/'), mode);
    expect(link).toBe(`https://keymint.example/?mode=${mode}`);
    expect(parsePrefill(query(link), NOW).mode).toBe(mode);
  });

  it('names the mode but never the callback or the challenge method, whatever the form holds', () => {
    const text = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(
        fc.record({
          keyLabel: text,
          limit: text,
          usageLimitType: fc.constantFrom('', 'daily', 'weekly', 'monthly'),
          workspaceId: text,
          codeChallengeMethod: fc.constantFrom('S256', 'plain'),
        }),
        fc.constantFrom<LinkMode[]>('redirect', 'popup', 'paste'),
        (over, mode) => {
          const link = prefillLink('https://keymint.example/', { ...blankForm('https://keymint.example/'), ...over }, mode);
          expect(link).not.toContain('code_challenge_method');
          expect(link).not.toContain('callback_url');
          expect(parsePrefill(query(link), NOW).mode).toBe(mode);
        },
      ),
    );
  });

  it("uses a relative expiry when asked, instead of the form's date", () => {
    expect(prefillLink('https://keymint.example/tools/', values, 'paste', '30d')).toBe(
      'https://keymint.example/tools/?key_label=Docs+%26+%22demo%22&limit=5&expires_in=30d&mode=paste',
    );
  });

  it('leaves the mode out when none is given, with no empty query', () => {
    expect(prefillLink('https://keymint.example/tools/', blankForm(''), undefined)).toBe('https://keymint.example/tools/');
    expect(prefillLink('https://keymint.example/tools/', { ...blankForm(''), limit: '5' }, undefined)).toBe('https://keymint.example/tools/?limit=5');
  });

  it('builds the link on the page address, replacing any query or fragment', () => {
    expect(prefillLink('https://keymint.example/tools/?old=1#x', blankForm('https://keymint.example/tools/'), 'redirect')).toBe(
      'https://keymint.example/tools/?mode=redirect',
    );
  });

  it('embeds with clipboard access, every sandbox token the popup needs, and an escaped src', () => {
    const snippet = embedSnippet('https://keymint.example/?key_label=a%22b&limit=5');
    expect(snippet).toContain('src="https://keymint.example/?key_label=a%22b&amp;limit=5"');
    expect(snippet).toContain('allow="clipboard-write"');
    expect(snippet).toContain(`sandbox="${SANDBOX}"`);
    expect(SANDBOX.split(' ')).toEqual(['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-popups-to-escape-sandbox']);
    expect(snippet).toMatch(/title="[^"]+"/);
    expect(snippet).toMatch(/height="\d+"/);
    const iframe = new DOMParser().parseFromString(snippet, 'text/html').querySelector('iframe')!;
    expect(iframe.getAttribute('src')).toBe('https://keymint.example/?key_label=a%22b&limit=5');
    // A host may hold a quote; it must not end the attribute.
    const quoted = new DOMParser().parseFromString(embedSnippet('https://a"b.example/?x=1'), 'text/html').querySelector('iframe')!;
    expect(quoted.getAttribute('src')).toBe('https://a"b.example/?x=1');
    expect(quoted.getAttribute('sandbox')).toBe(SANDBOX);
  });
});

describe('prefillOfRequested', () => {
  it('reads the settings a sign-in asked for as a link’s, with the form’s own method', () => {
    const prefill = prefillOfRequested({ keyLabel: 'Docs', limit: 7.5, expiresAt: '2027-07-01T10:00:00Z', codeChallengeMethod: 'plain' }, NOW);
    expect(prefill.values).toMatchObject({ keyLabel: 'Docs', limit: '7.5', codeChallengeMethod: 'plain' });
    expect(prefill.values.expiresAt).toBe(parsePrefill('expires_at=2027-07-01T10:00:00Z', NOW).values.expiresAt);
    expect(prefill.expiresIn).toBeUndefined();
    expect(prefill.notes).toEqual([]);
  });

  it('brings a relative expiry back relative, counted from now', () => {
    const prefill = prefillOfRequested({ expiresAt: '2027-07-01T10:00:00Z', expiresIn: '7d' }, NOW);
    expect(prefill.expiresIn).toBe('7d');
    expect(prefill.values.expiresAt).toBe(parsePrefill('expires_in=7d', NOW).values.expiresAt);
    expect(prefill.notes).toEqual([]);
  });
});
