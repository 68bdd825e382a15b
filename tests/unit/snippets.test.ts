import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shellWord, snippets, stringLiteral } from '../../src/wire/snippets';
import type { AuthKeysCodeRequestBody } from '../../src/wire/fields';
import { toWireBody } from '../../src/wire/request';

const ORIGIN = 'https://openrouter.ai';
const BODY: AuthKeysCodeRequestBody = {
  callbackUrl: 'https://myapp.com/auth/callback',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  codeChallengeMethod: 'S256',
  limit: 12.5,
  expiresAt: '2027-01-01T00:00:00Z',
  keyLabel: 'CI key',
  usageLimitType: 'monthly',
  workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
};
const ATTRIBUTION = { httpReferer: 'https://myapp.com', appTitle: 'My App', appCategories: 'cli-agent,cloud-agent' };

// ---- Decoders for the literal forms each language defines, to check the escapers against ----

function decodeEscapes(literal: string, escapes: Record<string, (hex: string) => string>): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const inner = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const char = inner[i]!;
    expect(char).not.toBe('"');
    if (char !== '\\') {
      out += char;
      continue;
    }
    const kind = inner[++i]!;
    if (kind in SIMPLE) out += SIMPLE[kind];
    else {
      const width = kind === 'x' ? 2 : kind === 'u' ? 4 : 0;
      const decode = escapes[kind];
      if (!decode || !width) throw new Error(`unexpected escape \\${kind}`);
      const hex = inner.slice(i + 1, i + 1 + width);
      expect(hex).toMatch(new RegExp(`^[0-9A-Fa-f]{${width}}$`));
      out += decode(hex);
      i += width;
    }
  }
  return out;
}
// Escapes JSON shares with TypeScript, Python 3 and Go.
const SIMPLE: Record<string, string> = { '\\': '\\', '"': '"', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const unit = (hex: string) => String.fromCharCode(parseInt(hex, 16));
/** Python 3: `\xNN` and `\uNNNN` are code points, so a lone surrogate stays one. */
const fromPython = (literal: string) => decodeEscapes(literal, { x: unit, u: unit });
/** Go: `\uNNNN` is a code point and may not be a surrogate. */
const fromGo = (literal: string) =>
  decodeEscapes(literal, {
    u: (hex) => {
      const codePoint = parseInt(hex, 16);
      expect(codePoint < 0xd800 || codePoint > 0xdfff).toBe(true);
      return String.fromCodePoint(codePoint);
    },
  });
/** POSIX sh: a word made of '…' runs and \' between them. */
function fromShell(word: string): string {
  expect(word).toMatch(/^'[^']*'(\\''[^']*')*$/);
  const parts = word.split(`'\\''`);
  return parts.map((part, i) => part.slice(i === 0 ? 1 : 0, i === parts.length - 1 ? -1 : undefined)).join("'");
}
/** What a Go string holds for a JavaScript string: lone surrogates become U+FFFD. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const HIDDEN_RE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const HIDDEN_BUT_LAYOUT_RE = new RegExp(HIDDEN_RE.source.replace('\\u0000-\\u001f', '\\u0000-\\u0008\\u000b-\\u001f'));
const utf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)), maxLength: 40 });
const hostile = fc.oneof(
  utf16,
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('"', "'", '\\', '\n', '\r', '\t', '$', '`', '\u2028', '\u202e', '\u200b', '\ufeff', '\u0085', '🔑', 'é', '%', '{'),
    maxLength: 40,
  }),
);
const HOSTILE_LABELS = [
  'Bob\'s "key" \\ 🔑',
  '"); process.exit(1); ("',
  "'; rm -rf ~; echo '",
  '$(id) `id` ${HOME}',
  'line\nbreak\r\ttab',
  '\u202eevil\u202c \u200b zero-width \ufeff bom \u2028 sep',
  'lone \ud800 surrogate \udfff',
  '\\u0041 is not A',
  'ключ 鍵 \u{1F9D1}\u200D\u{1F4BB}',
  '$keyLabel $& $$ $1 $server',
];

describe('string escapers', () => {
  it('stringLiteral gives a JavaScript literal of the same string, hidden characters escaped', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const literal = stringLiteral(text);
        expect((0, eval)(literal)).toBe(text);
        expect(literal).not.toMatch(HIDDEN_RE);
      }),
      { numRuns: 500 },
    );
  });

  it('stringLiteral gives a Python literal of the same string, hidden characters escaped', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const literal = stringLiteral(text);
        expect(fromPython(literal)).toBe(text);
        expect(literal).not.toMatch(HIDDEN_RE);
      }),
      { numRuns: 500 },
    );
  });

  it('stringLiteral(text, true) gives a Go literal of the same string, with U+FFFD for lone surrogates', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const literal = stringLiteral(text, true);
        expect(fromGo(literal)).toBe(wellFormed(text));
        expect(literal).not.toMatch(HIDDEN_RE);
      }),
      { numRuns: 500 },
    );
  });

  it('shellWord passes any string through single quotes unchanged', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(fromShell(shellWord(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"', '"a\\"b\\\\c"', '"a\\"b\\\\c"'],
    ['newline, tab, backspace, NUL and DEL', '\n\t\b\u0000\u007f', '"\\n\\t\\b\\u0000\\u007f"', '"\\n\\t\\b\\u0000\\u007f"', '"\\n\\t\\b\\u0000\\u007f"'],
    ['bidi override and line separator', '\u202e\u2028', '"\\u202e\\u2028"', '"\\u202e\\u2028"', '"\\u202e\\u2028"'],
    ['lone surrogate', 'x\ud800', '"x\\ud800"', '"x\\ud800"', '"x\uFFFD"'],
    ['visible unicode', 'é🔑', '"é🔑"', '"é🔑"', '"é🔑"'],
    ['an emoji joined by ZWJ', '\u{1F9D1}\u200D\u{1F4BB}', '"\u{1F9D1}\u200D\u{1F4BB}"', '"\u{1F9D1}\u200D\u{1F4BB}"', '"\u{1F9D1}\u200D\u{1F4BB}"'],
  ])('escape %s as expected', (_, text, ts, py, go) => {
    expect([stringLiteral(text), stringLiteral(text), stringLiteral(text, true)]).toEqual([ts, py, go]);
  });
});

describe('the snippets for one full request', () => {
  it('TypeScript: @openrouter/sdk createAuthCode with attribution per request', () => {
    expect(snippets(ORIGIN, BODY, ATTRIBUTION).typescript).toBe(`import { OpenRouter } from "@openrouter/sdk";

const openRouter = new OpenRouter({
  apiKey: process.env.OPENROUTER_API_KEY,
});

const result = await openRouter.oAuth.createAuthCode({
  httpReferer: "https://myapp.com",
  appTitle: "My App",
  appCategories: "cli-agent,cloud-agent",
  requestBody: {
    callbackUrl: "https://myapp.com/auth/callback",
    codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    codeChallengeMethod: "S256",
    expiresAt: new Date("2027-01-01T00:00:00Z"),
    keyLabel: "CI key",
    limit: 12.5,
    usageLimitType: "monthly",
    workspaceId: "3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f",
  },
});

console.log(result.data.id);
`);
  });

  it('Python: openrouter create_auth_code with the client built as in the SDK docs', () => {
    expect(snippets(ORIGIN, BODY, ATTRIBUTION).python).toBe(`from openrouter import OpenRouter
from openrouter.utils import parse_datetime
import os

with OpenRouter(
    http_referer="https://myapp.com",
    x_open_router_title="My App",
    x_open_router_categories="cli-agent,cloud-agent",
    api_key=os.getenv("OPENROUTER_API_KEY", ""),
) as open_router:
    res = open_router.o_auth.create_auth_code(
        callback_url="https://myapp.com/auth/callback",
        code_challenge="E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method="S256",
        expires_at=parse_datetime("2027-01-01T00:00:00Z"),
        key_label="CI key",
        limit=12.5,
        usage_limit_type="monthly",
        workspace_id="3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f",
    )
    print(res.data.id)
`);
  });

  it('Go: go-sdk CreateAuthCode, gofmt layout, and a note that categories have no Go option', () => {
    expect(snippets(ORIGIN, BODY, ATTRIBUTION).go).toBe(`package main

import (
\t"context"
\t"fmt"
\t"os"

\topenrouter "github.com/OpenRouterTeam/go-sdk"
\t"github.com/OpenRouterTeam/go-sdk/models/operations"
\t"github.com/OpenRouterTeam/go-sdk/optionalnullable"
\t"github.com/OpenRouterTeam/go-sdk/types"
)

func main() {
\ts := openrouter.New(
\t\topenrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),
\t\topenrouter.WithHTTPReferer("https://myapp.com"),
\t\topenrouter.WithXTitle("My App"),
\t)
\t// The Go SDK has no option for X-OpenRouter-Categories ("cli-agent,cloud-agent"); WithXTitle sends X-Title.

\tres, err := s.OAuth.CreateAuthCode(context.Background(), operations.CreateAuthKeysCodeRequest{
\t\tCallbackURL:         "https://myapp.com/auth/callback",
\t\tCodeChallenge:       openrouter.Pointer("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
\t\tCodeChallengeMethod: operations.CreateAuthKeysCodeCodeChallengeMethod("S256").ToPointer(),
\t\tExpiresAt:           optionalnullable.From(openrouter.Pointer(types.MustNewTimeFromString("2027-01-01T00:00:00Z"))),
\t\tKeyLabel:            openrouter.Pointer("CI key"),
\t\tLimit:               openrouter.Pointer[float64](12.5),
\t\tUsageLimitType:      operations.UsageLimitType("monthly").ToPointer(),
\t\tWorkspaceID:         openrouter.Pointer("3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f"),
\t})
\tif err != nil {
\t\tpanic(err)
\t}
\tfmt.Println(res.Data.ID)
}
`);
  });

  it("curl: Keymint's exact body, the key from the environment", () => {
    expect(snippets(ORIGIN, BODY, ATTRIBUTION).curl).toBe(`curl 'https://openrouter.ai/api/v1/auth/keys/code' \\
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\
  -H 'Content-Type: application/json' \\
  -H 'HTTP-Referer: https://myapp.com' \\
  -H 'X-OpenRouter-Title: My App' \\
  -H 'X-OpenRouter-Categories: cli-agent,cloud-agent' \\
  --data-raw '${JSON.stringify(toWireBody(BODY))}'
`);
  });

  it('includes only the fields that are set, and no time helpers without an expiry', () => {
    const minimal = { callbackUrl: 'https://myapp.com/', limit: 0 };
    const all = snippets(ORIGIN, minimal);
    expect(all.typescript).toContain('    callbackUrl: "https://myapp.com/",\n    limit: 0,\n  },');
    expect(all.typescript).not.toMatch(/httpReferer|appTitle|appCategories|serverURL/);
    expect(all.python).not.toMatch(/parse_datetime|http_referer|x_open_router|server_url|key_label/);
    expect(all.go).not.toMatch(/optionalnullable|types|WithHTTPReferer|WithXTitle|Categories|WithServerURL/);
    expect(all.go).toContain('\t\tCallbackURL: "https://myapp.com/",\n\t\tLimit:       openrouter.Pointer[float64](0),\n');
    expect(all.curl).toBe(`curl 'https://openrouter.ai/api/v1/auth/keys/code' \\
  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\
  -H 'Content-Type: application/json' \\
  --data-raw '{"callback_url":"https://myapp.com/","limit":0}'
`);
  });

  it('points every SDK at a non-default OpenRouter origin', () => {
    const all = snippets('http://127.0.0.1:4010', { callbackUrl: 'https://myapp.com/', codeChallengeMethod: 'plain' });
    expect(all.typescript).toContain('  serverURL: "http://127.0.0.1:4010/api/v1",\n');
    expect(all.python).toContain('    server_url="http://127.0.0.1:4010/api/v1",\n');
    expect(all.go).toContain('\t\topenrouter.WithServerURL("http://127.0.0.1:4010/api/v1"),\n');
    expect(all.go).toContain('operations.CreateAuthKeysCodeCodeChallengeMethod("plain").ToPointer()');
    expect(all.curl.startsWith("curl 'http://127.0.0.1:4010/api/v1/auth/keys/code'")).toBe(true);
  });

  it('takes the key from OPENROUTER_API_KEY in every language and nowhere else', () => {
    const all = snippets(ORIGIN, BODY, ATTRIBUTION);
    expect(all.typescript).toContain('apiKey: process.env.OPENROUTER_API_KEY');
    expect(all.python).toContain('api_key=os.getenv("OPENROUTER_API_KEY", "")');
    expect(all.go).toContain('openrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY"))');
    expect(all.curl).toContain('-H "Authorization: Bearer $OPENROUTER_API_KEY"');
    for (const text of Object.values(all)) expect(text).not.toMatch(/sk-or-|Bearer [^$]/);
  });
});

describe('hostile labels in the snippets', () => {
  const lineOf = (snippet: string, prefix: string) => snippet.split('\n').find((line) => line.startsWith(prefix))!;
  const shape = (snippet: string) => snippet.split('\n').length;
  const plain = snippets(ORIGIN, { ...BODY, keyLabel: 'x' }, ATTRIBUTION);

  const check = (label: string) => {
    const all = snippets(ORIGIN, { ...BODY, keyLabel: label }, ATTRIBUTION);
    // No label can add, remove or break a line of code.
    for (const language of ['typescript', 'python', 'go', 'curl'] as const) expect(shape(all[language])).toBe(shape(plain[language]));
    expect((0, eval)(lineOf(all.typescript, '    keyLabel: ').slice('    keyLabel: '.length, -1))).toBe(label);
    expect(fromPython(lineOf(all.python, '        key_label=').slice('        key_label='.length, -1))).toBe(label);
    expect(
      fromGo(
        lineOf(all.go, '\t\tKeyLabel:')
          .replace(/^\t\tKeyLabel: +openrouter\.Pointer\(/, '')
          .slice(0, -2),
      ),
    ).toBe(wellFormed(label));
    const data = lineOf(all.curl, '  --data-raw ').slice('  --data-raw '.length);
    expect(JSON.parse(fromShell(data))).toEqual(JSON.parse(JSON.stringify(toWireBody({ ...BODY, keyLabel: label }))));
    // Nothing hidden anywhere: only the snippets' own line breaks and tabs.
    for (const language of ['typescript', 'python', 'go', 'curl'] as const) expect(all[language]).not.toMatch(HIDDEN_BUT_LAYOUT_RE);
  };

  it.each(HOSTILE_LABELS.map((label) => [label]))('keeps %j a string value in every language', check);

  it('keeps any label a string value in every language', () => {
    fc.assert(
      fc.property(
        hostile.filter((label) => label !== ''),
        check,
      ),
      { numRuns: 200 },
    );
  });
});
