// Keymint's create-code request against what the official TypeScript SDK (@openrouter/sdk, a dev
// dependency only) serializes and actually sends for the same input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenRouter } from '@openrouter/sdk';
import { HTTPClient } from '@openrouter/sdk/lib/http.js';
import { CreateAuthKeysCodeRequestBody$outboundSchema, type CreateAuthKeysCodeRequestBody } from '@openrouter/sdk/models/operations';
import { ATTRIBUTION_HEADERS, buildCreateCodeRequest, type Attribution } from '../../src/wire/create-code';
import { toLocalDateTimeValue } from '../../src/wire/expiry';
import { checkForm, type AuthKeysCodeRequestBody, type FormValues } from '../../src/wire/fields';
import { toWireBody } from '../../src/wire/request';

const ORIGIN = 'https://openrouter.ai';
const NOW = new Date();
const API_KEY = `sk-or-v1-${'0123456789abcdef'.repeat(4)}`;

/** The same body in the SDK's types: expiresAt is a Date there. */
function sdkBody(body: AuthKeysCodeRequestBody): CreateAuthKeysCodeRequestBody {
  const { expiresAt, ...rest } = body;
  return expiresAt === undefined ? rest : { ...rest, expiresAt: new Date(expiresAt) };
}

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const awkward = fc.constantFrom('"', '\\', "'", '/', '<', '>', '&', '\u2028', '\u2029', 'é', 'ß', '🔑', '鍵', 'ключ', ' ', '\u{1F9D1}\u200D\u{1F4BB}');
const labelText = fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 100 });
const base64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 43, maxLength: 43 });

/** Raw form text that the form's own validators accept, turned into the body Keymint sends. */
const validBody: fc.Arbitrary<AuthKeysCodeRequestBody> = fc
  .record({
    callbackUrl: fc.oneof(
      fc.webUrl({ validSchemes: ['https'], withQueryParameters: true }).filter((url) => !url.includes('#')),
      fc.integer({ min: 1, max: 65535 }).map((port) => `http://localhost:${port}/callback`),
    ),
    keyLabel: optional(labelText),
    cents: optional(fc.integer({ min: 0, max: 100_000_000 })),
    usageLimitType: optional(fc.constantFrom('daily', 'weekly', 'monthly')),
    expiry: optional(fc.date({ min: new Date(NOW.getTime() + 60_000), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true })),
    codeChallengeMethod: fc.constantFrom('S256', 'plain'),
    challenge: optional(base64url),
    workspaceId: optional(fc.uuid()),
  })
  .map((raw) => {
    const values: FormValues = {
      callbackUrl: raw.callbackUrl,
      keyLabel: raw.keyLabel ?? '',
      limit: raw.cents === undefined ? '' : `${Math.floor(raw.cents / 100)}.${String(raw.cents % 100).padStart(2, '0')}`,
      usageLimitType: raw.usageLimitType ?? '',
      expiresAt: raw.expiry ? toLocalDateTimeValue(new Date(Math.floor(raw.expiry.getTime() / 1000) * 1000)) : '',
      codeChallengeMethod: raw.codeChallengeMethod,
      workspaceId: raw.workspaceId ?? '',
    };
    const check = checkForm(values, NOW);
    // With a challenge the method goes along; without one, neither does (the optional pair).
    const { codeChallengeMethod, ...rest } = check.body;
    const body = raw.challenge ? { ...rest, codeChallenge: raw.challenge, codeChallengeMethod } : rest;
    return { valid: check.valid, body: body as AuthKeysCodeRequestBody };
  })
  .filter(({ valid }) => valid)
  .map(({ body }) => body);

const attributionArb: fc.Arbitrary<Attribution> = fc.record(
  {
    httpReferer: fc.webUrl({ validSchemes: ['https'] }),
    appTitle: fc
      .string({ unit: fc.constantFrom(...'Keymint App 0123 "\'\\-_.'.split('')), minLength: 1, maxLength: 40 })
      .map((s) => s.trim())
      .filter(Boolean),
    appCategories: fc.constantFrom('cli-agent', 'cli-agent,cloud-agent', 'coding'),
  },
  { requiredKeys: [] },
);

/** Runs the SDK's createAuthCode against a fetcher that records the Request and answers 200. */
async function sdkSends(body: AuthKeysCodeRequestBody, attribution: Attribution): Promise<{ request: Request; text: string }> {
  let captured: Request | undefined;
  const httpClient = new HTTPClient({
    fetcher: async (input, init) => {
      captured = input instanceof Request ? input : new Request(input, init);
      return new Response(JSON.stringify({ data: { id: 'auth_code_1', app_id: 1, created_at: '2027-01-01T00:00:00Z' } }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  });
  const sdk = new OpenRouter({ apiKey: API_KEY, httpClient, serverURL: `${ORIGIN}/api/v1` });
  await sdk.oAuth.createAuthCode({ ...attribution, requestBody: sdkBody(body) });
  if (!captured) throw new Error('the SDK sent nothing');
  return { request: captured, text: await captured.clone().text() };
}

describe('parity with @openrouter/sdk', () => {
  it('serializes every valid form body to the same JSON as CreateAuthKeysCodeRequestBody$outboundSchema', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        expect(JSON.stringify(toWireBody(body))).toBe(JSON.stringify(CreateAuthKeysCodeRequestBody$outboundSchema.parse(sdkBody(body))));
      }),
      { numRuns: 300 },
    );
  });

  it('matches the schema for one full body, expires_at in toISOString() form', () => {
    const body: AuthKeysCodeRequestBody = {
      callbackUrl: 'https://myapp.com/auth/callback',
      codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      codeChallengeMethod: 'S256',
      limit: 12.5,
      expiresAt: '2027-01-01T00:00:00Z',
      keyLabel: 'Bob\'s "key" \\ 🔑',
      usageLimitType: 'monthly',
      workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    };
    const sdk = JSON.stringify(CreateAuthKeysCodeRequestBody$outboundSchema.parse(sdkBody(body)));
    expect(sdk).toContain('"expires_at":"2027-01-01T00:00:00.000Z"');
    expect(JSON.stringify(toWireBody(body))).toBe(sdk);
  });

  it('sends the same method, URL, body bytes, key and attribution headers as the SDK does', async () => {
    await fc.assert(
      fc.asyncProperty(validBody, attributionArb, async (body, attribution) => {
        const ours = buildCreateCodeRequest(ORIGIN, API_KEY, body, attribution);
        const { request, text } = await sdkSends(body, attribution);
        expect(request.method).toBe(ours.method);
        expect(request.url).toBe(ours.url);
        expect(text).toBe(ours.body);
        for (const [name, value] of Object.entries(ours.headers)) expect(request.headers.get(name)).toBe(value);
      }),
      { numRuns: 60 },
    );
  });

  it('uses the header names the SDK sends for httpReferer, appTitle and appCategories, and no others', async () => {
    const attribution: Required<Attribution> = { httpReferer: 'https://referer.example/', appTitle: 'title-value', appCategories: 'category-value' };
    const { request } = await sdkSends({ callbackUrl: 'https://myapp.com/' }, attribution);
    const sent = [...request.headers.entries()];
    for (const [field, header] of Object.entries(ATTRIBUTION_HEADERS) as [keyof Attribution, string][]) {
      const carrying = sent.filter(([, value]) => value === attribution[field]).map(([name]) => name.toLowerCase());
      expect(carrying).toEqual([header.toLowerCase()]);
    }
    // Everything else the SDK sends: the key, the body type, and Accept (which Keymint leaves to fetch).
    const ours = Object.keys(buildCreateCodeRequest(ORIGIN, API_KEY, { callbackUrl: 'https://myapp.com/' }, attribution).headers).map((name) =>
      name.toLowerCase(),
    );
    expect(sent.map(([name]) => name.toLowerCase()).filter((name) => !ours.includes(name))).toEqual(['accept']);
  });
});
