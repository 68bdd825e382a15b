import { describe, expect, it, vi } from 'vitest';
import {
  APPLIED_SETTINGS,
  compareApplied,
  formatUsd,
  formatUtc,
  interpretKeyInfo,
  keyInfoUrl,
  type AppliedRow,
  type AppliedSetting,
  type AppliedValue,
  type KeyInfo,
  type KeyInfoResult,
} from '../../src/wire/key-info';
import { fetchKeyInfo } from '../../src/flow/key-info';

const ORIGIN = 'https://openrouter.ai';
const KEY = `sk-or-v1-${'cd'.repeat(32)}`;
const WORKSPACE = '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f';
// The shape of OpenRouter's GET /api/v1/key answer (§8 of the reference, and the SDK's example).
const ANSWER = {
  data: {
    label: 'sk-or-v1-cdc...dcd',
    limit: 5,
    limit_remaining: 4.8984355238,
    limit_reset: 'monthly',
    include_byok_in_limit: false,
    expires_at: '2027-01-01T00:00:00.000Z',
    workspace_id: WORKSPACE,
    usage: 0.1015644762,
    usage_daily: 0.1,
    usage_weekly: 0.1,
    usage_monthly: 0.1,
    is_free_tier: false,
    is_management_key: false,
    is_provisioning_key: false,
    rate_limit: { requests: -1, interval: '10s' },
    creator_user_id: 'user_1',
  },
};
const failureOf = (result: KeyInfoResult) => {
  if (result.ok) throw new Error('expected a failure');
  return result.failure;
};
const row = (rows: AppliedRow[], setting: AppliedSetting) => rows.find((r) => r.setting === setting)!;

const keyInfo = (status: number, text: string) => interpretKeyInfo({ status, text, retryAfter: null }, KEY);
/** What a 200 with this JSON reads as; null when it is not a key's data. */
const parse = (body: unknown) => {
  const result = keyInfo(200, JSON.stringify(body));
  return result.ok ? result.info : null;
};

describe('reading GET /api/v1/key data', () => {
  it('reads the fields the check shows, camelCased', () => {
    expect(parse(ANSWER)).toEqual({
      label: 'sk-or-v1-cdc...dcd',
      limit: 5,
      limitRemaining: 4.8984355238,
      limitReset: 'monthly',
      includeByokInLimit: false,
      expiresAt: '2027-01-01T00:00:00.000Z',
      workspaceId: WORKSPACE,
    });
  });

  it('keeps nulls as null, reads empty text as null, and leaves missing or oddly typed fields out', () => {
    expect(
      parse({ data: { limit: null, limit_reset: null, expires_at: null, workspace_id: ' ', label: 42, limit_remaining: '5', include_byok_in_limit: 'no' } }),
    ).toEqual({
      limit: null,
      limitReset: null,
      expiresAt: null,
      workspaceId: null,
    });
    expect(parse({ data: {} })).toEqual({});
  });

  it.each([[null], [[]], ['text'], [42], [{}], [{ data: null }], [{ data: [] }], [{ data: 'x' }], [{ data: 5 }]])('rejects %j', (body) => {
    expect(parse(body)).toBeNull();
  });

  it('rejects text that is not JSON', () => {
    expect(keyInfo(200, '{"data":').ok).toBe(false);
    expect(keyInfo(200, '').ok).toBe(false);
  });

  it('strips the key and control characters from text fields, and bounds them', () => {
    expect(parse({ data: { label: `key ${KEY}\nline\u0000\u009b`, workspace_id: 'w'.repeat(500) } })).toEqual({
      label: 'key [redacted] line',
      workspaceId: 'w'.repeat(200),
    });
  });

  it('keeps long token-like text, such as a workspace UUID, whole', () => {
    expect(parse({ data: { workspace_id: WORKSPACE, label: 'a-label-without-any-spaces-in-it-at-all' } })).toEqual({
      workspaceId: WORKSPACE,
      label: 'a-label-without-any-spaces-in-it-at-all',
    });
  });
});

describe('interpretKeyInfo', () => {
  it('returns the parsed info from a 200', () => {
    expect(keyInfo(200, JSON.stringify(ANSWER))).toEqual({ ok: true, info: parse(ANSWER) });
    expect(keyInfo(204, '{"data":{}}')).toEqual({ ok: true, info: {} });
  });

  it.each([
    [200, 'not json', true, 'no-result'],
    [200, '{"data":', true, 'no-result'],
    [200, '{"label":"x"}', true, 'no-result'],
    [401, JSON.stringify({ error: { code: 401, message: 'User not found.' } }), false, 'key-unknown'],
    [429, '', true, 'rate-limited'],
    [408, '', true, 'server'],
    [500, '', true, 'server'],
    [503, '<html></html>', true, 'server'],
    [403, '', false, 'refused'],
    [404, JSON.stringify(ANSWER), false, 'refused'],
  ])('maps HTTP %i %j to retryable: %s, reason %s', (status, body, retryable, reason) => {
    expect(failureOf(keyInfo(status, body))).toMatchObject({ retryable, status, reason });
  });

  it('never returns the key, even when the server echoes it', () => {
    for (const status of [200, 401, 500]) {
      const body = JSON.stringify({ error: { message: `bad ${KEY}` }, data: { label: KEY, workspace_id: `${KEY}\n` } });
      expect(JSON.stringify(keyInfo(status, body))).not.toContain(KEY);
    }
  });

  it('tells network trouble from a timeout', () => {
    expect(failureOf(interpretKeyInfo({ failed: 'unreachable' }, KEY))).toEqual({ retryable: true, reason: 'unreachable' });
    expect(failureOf(interpretKeyInfo({ failed: 'timeout' }, KEY))).toEqual({ retryable: true, reason: 'timeout' });
    expect(keyInfoUrl('http://127.0.0.1:4010/x')).toBe('http://127.0.0.1:4010/api/v1/key');
  });
});

describe('formatting', () => {
  it.each([
    [5, '$5.00'],
    [0, '$0.00'],
    [12.5, '$12.50'],
    [1_000_000, '$1,000,000.00'],
    [4.8984355238, '$4.8984'],
  ])('formatUsd(%s) is %s', (amount, text) => {
    expect(formatUsd(amount)).toBe(text);
  });

  it('formats instants in UTC at whole seconds, and leaves other text as it is', () => {
    expect(formatUtc('2027-01-01T00:00:00Z')).toBe('2027-01-01 00:00:00 UTC');
    expect(formatUtc('2027-06-30T12:34:56.789+02:00')).toBe('2027-06-30 10:34:56 UTC');
    expect(formatUtc('soon')).toBe('soon');
  });
});

describe('compareApplied', () => {
  const info: KeyInfo = parse(ANSWER)!;
  const asked = { keyLabel: 'CI key', limit: 5, usageLimitType: 'monthly' as const, expiresAt: '2027-01-01T00:00:00Z', workspaceId: WORKSPACE };

  it('gives one row per setting, in order, with the values as compared and shown (null: none)', () => {
    expect(compareApplied(asked, info)).toEqual([
      { setting: 'label', requested: 'CI key', applied: 'sk-or-v1-cdc...dcd', verdict: 'info', maskedLabel: true },
      { setting: 'limit', requested: '$5.00', applied: '$5.00', verdict: 'same' },
      { setting: 'limitRemaining', requested: null, applied: '$4.8984', verdict: 'info', unasked: 'not-requestable' },
      { setting: 'limitReset', requested: 'monthly', applied: 'monthly', verdict: 'same' },
      { setting: 'expiresAt', requested: '2027-01-01 00:00:00 UTC', applied: '2027-01-01 00:00:00 UTC', verdict: 'same' },
      { setting: 'includeByokInLimit', requested: null, applied: false, verdict: 'info', unasked: 'not-requestable' },
      { setting: 'workspaceId', requested: WORKSPACE, applied: WORKSPACE, verdict: 'same' },
    ]);
    expect(compareApplied(asked, info).map((r) => r.setting)).toEqual(Object.keys(APPLIED_SETTINGS));
  });

  it('says "same" when nothing was asked and the key has the defaults', () => {
    const rows = compareApplied({}, { limit: null, limitReset: null, expiresAt: null });
    expect(row(rows, 'limit')).toMatchObject({ requested: null, applied: null, verdict: 'same' });
    expect(row(rows, 'limitReset')).toMatchObject({ requested: null, applied: null, verdict: 'same' });
    expect(row(rows, 'expiresAt')).toMatchObject({ requested: null, applied: null, verdict: 'same' });
  });

  it.each<[string, Parameters<typeof compareApplied>[0], KeyInfo, AppliedSetting, AppliedValue | null]>([
    ['a limit asked, none applied', { limit: 5 }, { limit: null }, 'limit', null],
    ['another limit applied', { limit: 5 }, { limit: 4.99 }, 'limit', '$4.99'],
    ['a limit off by a hundredth of a cent', { limit: 5 }, { limit: 5.0001 }, 'limit', '$5.0001'],
    ['no limit asked, one applied', {}, { limit: 10 }, 'limit', '$10.00'],
    ['another reset applied', { usageLimitType: 'daily' }, { limitReset: 'weekly' }, 'limitReset', 'weekly'],
    ['a reset asked, none applied', { usageLimitType: 'daily' }, { limitReset: null }, 'limitReset', null],
    ['an expiry asked, none applied', { expiresAt: '2027-01-01T00:00:00Z' }, { expiresAt: null }, 'expiresAt', null],
    ['the expiry a second off', { expiresAt: '2027-01-01T00:00:00Z' }, { expiresAt: '2027-01-01T00:00:01Z' }, 'expiresAt', '2027-01-01 00:00:01 UTC'],
    ['no expiry asked, one applied', {}, { expiresAt: '2027-01-01T00:00:00Z' }, 'expiresAt', '2027-01-01 00:00:00 UTC'],
    ['an unreadable expiry', { expiresAt: '2027-01-01T00:00:00Z' }, { expiresAt: 'tomorrow' }, 'expiresAt', 'tomorrow'],
    ['another label', { keyLabel: 'CI key' }, { label: 'Other' }, 'label', 'Other'],
    [
      'another workspace',
      { workspaceId: WORKSPACE },
      { workspaceId: '00000000-0000-4000-8000-000000000000' },
      'workspaceId',
      '00000000-0000-4000-8000-000000000000',
    ],
  ])('says "differs" for %s', (_, requested, applied, setting, appliedValue) => {
    expect(row(compareApplied(requested, applied), setting)).toMatchObject({ applied: appliedValue, verdict: 'differs' });
  });

  it('compares the expiry at second precision and the label trimmed', () => {
    const rows = compareApplied({ expiresAt: '2027-01-01T00:00:00Z', keyLabel: 'CI key' }, { expiresAt: '2027-01-01T00:00:00.999Z' });
    expect(row(rows, 'expiresAt').verdict).toBe('same');
    const label = parse({ data: { label: ' CI key\n' } })!;
    expect(row(compareApplied({ keyLabel: 'CI key' }, label), 'label')).toMatchObject({ requested: 'CI key', applied: 'CI key', verdict: 'same' });
  });

  it('compares the label with regard to case, and tells a missing label from one named "None"', () => {
    expect(row(compareApplied({ keyLabel: 'CI key' }, { label: 'ci key' }), 'label').verdict).toBe('differs');
    expect(row(compareApplied({ keyLabel: 'None' }, { label: null }), 'label')).toMatchObject({ requested: 'None', applied: null, verdict: 'differs' });
  });

  it('tells an unreadable expiry from no expiry', () => {
    expect(row(compareApplied({}, { expiresAt: 'Never' }), 'expiresAt').verdict).toBe('differs');
  });

  it('matches limits to the shown precision, and resets and workspaces without regard to case', () => {
    const rows = compareApplied(
      { limit: 0.1, usageLimitType: 'daily', workspaceId: WORKSPACE },
      { limit: 0.1 + 1e-9, limitReset: 'DAILY', workspaceId: WORKSPACE.toUpperCase() },
    );
    expect(rows.filter((r) => r.verdict === 'differs')).toEqual([]);
  });

  it('treats an unset label as informational: OpenRouter names the key after the app', () => {
    expect(row(compareApplied({}, { label: 'My App' }), 'label')).toMatchObject({
      requested: null,
      unasked: 'openrouter-picks',
      applied: 'My App',
      verdict: 'info',
    });
  });

  it('marks fields OpenRouter did not report as informational, never as agreeing', () => {
    const rows = compareApplied(asked, {});
    expect(rows.map((r) => r.verdict)).toEqual(['info', 'info', 'info', 'info', 'info', 'info', 'info']);
    expect(rows.map((r) => r.applied)).toEqual(Array(7).fill(undefined));
  });

  it('reports BYOK-in-limit as set in OpenRouter, whatever was asked', () => {
    expect(row(compareApplied({}, { includeByokInLimit: true }), 'includeByokInLimit')).toMatchObject({ applied: true, verdict: 'info' });
    expect(row(compareApplied({}, { includeByokInLimit: null }), 'includeByokInLimit')).toMatchObject({ applied: null, verdict: 'info' });
  });
});

describe('fetchKeyInfo (flow)', () => {
  it('GETs <origin>/api/v1/key with the key as Bearer and nothing else', async () => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify(ANSWER), { status: 200 }));
    const result = await fetchKeyInfo({ origin: ORIGIN, fetch: fetch as unknown as typeof globalThis.fetch }, KEY);
    expect(result).toEqual({ ok: true, info: parse(ANSWER) });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://openrouter.ai/api/v1/key');
    expect(init?.method ?? 'GET').toBe('GET');
    expect(init).toMatchObject({
      headers: { Authorization: `Bearer ${KEY}` },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
      redirect: 'error',
    });
    expect(init).not.toHaveProperty('body');
    expect(Object.keys(init?.headers as object)).toEqual(['Authorization']);
  });

  it('reports a 401 and a thrown fetch without the key', async () => {
    const unauthorized = await fetchKeyInfo(
      { origin: ORIGIN, fetch: vi.fn(async () => new Response(`{"error":{"message":"bad ${KEY}"}}`, { status: 401 })) },
      KEY,
    );
    expect(failureOf(unauthorized)).toMatchObject({ status: 401, reason: 'key-unknown', detail: 'bad [redacted]' });
    const thrown = await fetchKeyInfo(
      {
        origin: ORIGIN,
        fetch: vi.fn(async () => {
          throw new TypeError(`Failed to fetch ${KEY}`);
        }),
      },
      KEY,
    );
    expect(failureOf(thrown)).toEqual({ retryable: true, reason: 'unreachable' });
    expect(JSON.stringify([unauthorized, thrown])).not.toContain(KEY);
  });

  it('aborts after the timeout', async () => {
    const fetch = vi.fn(
      (_: unknown, init?: RequestInit) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    expect(failureOf(await fetchKeyInfo({ origin: ORIGIN, fetch, timeoutMs: 20 }, KEY))).toEqual({ retryable: true, reason: 'timeout' });
  });
});
