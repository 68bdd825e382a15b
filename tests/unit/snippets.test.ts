import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allSnippets as snippets, CHECKED, shellWord, stringLiteral, type SnippetKind } from '../../src/wire/snippets';
import { HOSTILE_LABEL, variants } from '../snippets/variants';

const ORIGIN = 'https://openrouter.ai';
const STANDIN = 'http://127.0.0.1:4010';
const [EVERY, ONLY_CALLBACK, PLAIN, INTEGER, HOSTILE] = variants();
const KINDS: SnippetKind[] = ['typescript', 'python', 'go', 'curl', 'app-typescript', 'app-python', 'app-go'];

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

const of = (variant: typeof EVERY, origin = ORIGIN) => snippets(origin, variant!.body, variant!.attribution);
const lineOf = (text: string, prefix: string) => {
  const line = text.split('\n').find((line) => line.startsWith(prefix));
  expect(line, `a line starting ${JSON.stringify(prefix)}`).toBeDefined();
  return line!.slice(prefix.length);
};
/** The literal between `before` and `after` on the line starting `prefix`. */
const literalOf = (text: string, prefix: string, after: string) => {
  const rest = lineOf(text, prefix);
  expect(rest.endsWith(after)).toBe(true);
  return rest.slice(0, rest.length - after.length);
};
/** The JSON body of the create-code request in the curl program, with the script's challenge in it. */
const curlBody = (text: string) => {
  const data = lineOf(text, '  --data-raw ');
  expect(data.endsWith(`"'"$challenge"'"}')`)).toBe(true);
  return JSON.parse(fromShell(data.slice(0, -`"'"$challenge"'"}')`.length) + "'") + '"C"}') as Record<string, unknown>;
};

describe('whole programs and app code for every setting', () => {
  it.each(variants().map((variant) => [variant.name, variant] as const))('%s: every kind says what it was checked against, once', (_, variant) => {
    const all = of(variant);
    expect(Object.keys(all).sort()).toEqual([...KINDS].sort());
    for (const kind of KINDS) {
      const language = kind.replace('app-', '') as keyof typeof CHECKED;
      expect(all[kind].split(`Checked against ${CHECKED[language]}.`)).toHaveLength(2);
      expect(all[kind].endsWith('\n')).toBe(true);
      expect(all[kind]).not.toMatch(/[ \t]$/m);
    }
  });

  it('each program makes its own verifier and S256 challenge, creates a code and exchanges it with that verifier', () => {
    const all = of(EVERY);
    expect(all.typescript).toContain('const { codeVerifier, codeChallenge } = await openRouter.oAuth.createSHA256CodeChallenge();');
    expect(all.typescript).toContain('  requestBody: { code: data.id, codeVerifier, codeChallengeMethod: "S256" },');
    expect(all.python).toContain('challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()');
    expect(all.python).toContain('        code=res.data.id, code_challenge_method="S256", code_verifier=verifier');
    expect(all.go).toContain('\tchallenge := base64.RawURLEncoding.EncodeToString(sum[:])');
    expect(all.go).toContain('\t\tCode:                res.Data.ID,');
    expect(all.curl).toContain(`challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=')`);
    expect(all.curl).toContain(`--data-raw '{"code":"'"$code"'","code_verifier":"'"$verifier"'","code_challenge_method":"S256"}'`);
    // Keymint's own challenge belongs to a verifier only Keymint holds: no program uses it.
    for (const text of Object.values(all)) expect(text).not.toContain(EVERY!.body.codeChallenge);
  });

  it('plain: the verifier is the challenge, and the exchange says plain', () => {
    const all = of(PLAIN);
    expect(all.typescript).toContain('const { codeVerifier } = await openRouter.oAuth.createSHA256CodeChallenge();\nconst codeChallenge = codeVerifier;');
    expect(all.typescript).toContain('codeChallengeMethod: "plain" },');
    expect(all.python).toContain('\nchallenge = verifier\n');
    expect(all.go).toContain('\tchallenge := verifier\n');
    expect(all.go).toContain('operations.CreateAuthKeysCodeCodeChallengeMethodPlain.ToPointer()');
    expect(all.go).toContain('operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethodPlain.ToPointer()');
    expect(all.curl).toContain('\nchallenge=$verifier\n');
    expect(curlBody(all.curl)).toMatchObject({ code_challenge_method: 'plain' });
  });

  it('Go: named constants, the expiry without a Pointer around it, and the attribution as per-call headers', () => {
    const { go, 'app-go': app } = of(EVERY);
    expect(go).toContain('\t\tExpiresAt:           optionalnullable.From(types.MustNewTimeFromString("2027-01-01T00:00:00Z")),');
    expect(go).toContain('\t\tUsageLimitType:      operations.UsageLimitTypeMonthly.ToPointer(),');
    expect(go).toContain('\t\tLimit:               openrouter.Float64(12.5),');
    expect(go).toContain(`\t}, operations.WithSetHeaders(map[string]string{
\t\t"HTTP-Referer":            "https://myapp.com/",
\t\t"X-OpenRouter-Title":      "My App",
\t\t"X-OpenRouter-Categories": "cli-agent,cloud-agent",
\t}))`);
    // The SDK's globals never reach CreateAuthCode's request.
    expect(go).not.toMatch(/WithHTTPReferer|WithXTitle|openrouter\.Pointer\(types/);
    expect(app).toContain('\t\t"code_challenge":        {challenge},');
  });

  it('only the callback: no optional field, no attribution, no time helpers', () => {
    const all = of(ONLY_CALLBACK);
    expect(all.typescript).toContain(
      '  requestBody: {\n    callbackUrl: "http://localhost:3000/callback",\n    codeChallenge,\n    codeChallengeMethod: "S256",\n  },',
    );
    expect(all.typescript).not.toMatch(/httpReferer|appTitle|appCategories|serverURL|keyLabel|limit|expiresAt/);
    expect(all.python).not.toMatch(/datetime|http_referer|x_open_router|server_url|key_label|limit=/);
    expect(all.go).not.toMatch(/types|WithSetHeaders|WithServerURL|KeyLabel|Limit/);
    expect(all.go).toContain('\t\tCodeChallengeMethod: operations.CreateAuthKeysCodeCodeChallengeMethodS256.ToPointer(),\n\t})\n\tif err != nil {');
    expect(curlBody(all.curl)).toEqual({ callback_url: 'http://localhost:3000/callback', code_challenge_method: 'S256', code_challenge: 'C' });
    expect(all['app-python']).toContain('    with OpenRouter() as open_router:');
    expect(all['app-go']).toContain('\ts := openrouter.New()');
  });

  it('an integer limit stays a number in every body and a plain decimal in the /auth URL', () => {
    const all = of(INTEGER);
    expect(all.typescript).toContain('    limit: 5,');
    expect(all.python).toContain('        limit=5,');
    expect(all.go).toContain('\t\tLimit:               openrouter.Float64(5),');
    expect(curlBody(all.curl)).toMatchObject({ limit: 5 });
    expect(all['app-typescript']).toContain('    limit: "5",');
    expect(all['app-python']).toContain('        "limit": "5",');
    expect(all['app-go']).toContain('\t\t"limit":                 {"5"},');
  });

  it('takes the key from OPENROUTER_API_KEY in every program and nowhere else; app code needs none', () => {
    const all = of(EVERY);
    expect(all.typescript).toContain('  apiKey: process.env.OPENROUTER_API_KEY,');
    expect(all.python).toContain('    api_key=os.environ["OPENROUTER_API_KEY"],');
    expect(all.go).toContain('\t\topenrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),');
    expect(all.curl).toContain('  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\');
    for (const kind of ['app-typescript', 'app-python', 'app-go'] as const) expect(all[kind]).not.toMatch(/OPENROUTER_API_KEY|api_key=|apiKey|WithSecurity/);
    for (const text of Object.values(all)) expect(text).not.toMatch(/sk-or-|Bearer [^$]/);
  });

  it('targets the configured origin when it is not openrouter.ai, and only then', () => {
    const standin = of(EVERY, STANDIN);
    expect(standin.typescript).toContain('  serverURL: "http://127.0.0.1:4010/api/v1",\n');
    expect(standin.python).toContain('    server_url="http://127.0.0.1:4010/api/v1",\n');
    expect(standin.go).toContain('\t\topenrouter.WithServerURL("http://127.0.0.1:4010/api/v1"),\n');
    expect(standin.curl).toContain("answer=$(curl -sS 'http://127.0.0.1:4010/api/v1/auth/keys/code' \\");
    expect(standin.curl).toContain("answer=$(curl -sS 'http://127.0.0.1:4010/api/v1/auth/keys' \\");
    expect(standin['app-typescript']).toContain('return { url: "http://127.0.0.1:4010/auth?" + query, codeVerifier };');
    expect(standin['app-python']).toContain('    return "http://127.0.0.1:4010/auth?" + query, verifier');
    expect(standin['app-go']).toContain('\treturn "http://127.0.0.1:4010/auth?" + query.Encode(), verifier');
    expect(standin['app-go']).toContain('\ts := openrouter.New(\n\t\topenrouter.WithServerURL("http://127.0.0.1:4010/api/v1"),\n\t)');
    for (const text of Object.values(of(EVERY))) expect(text).not.toMatch(/serverURL|server_url|WithServerURL|127\.0\.0\.1/);
    expect(of(EVERY).curl).toContain("answer=$(curl -sS 'https://openrouter.ai/api/v1/auth/keys/code' \\");
  });

  it('puts two values on one line without either leaking: the label and the callback in curl’s body', () => {
    const body = { ...EVERY!.body, callbackUrl: 'https://myapp.com/$keyLabel?x=$callbackUrl', keyLabel: '$callbackUrl and $keyLabel ${server}' };
    const { curl } = snippets(ORIGIN, body, {});
    expect(curlBody(curl)).toMatchObject({ callback_url: body.callbackUrl, key_label: body.keyLabel, limit: 12.5, usage_limit_type: 'monthly' });
    // The same two values in the SDK programs, each on its own line, each as given.
    const all = snippets(ORIGIN, body, {});
    expect((0, eval)(literalOf(all.typescript, '    callbackUrl: ', ','))).toBe(body.callbackUrl);
    expect((0, eval)(literalOf(all.typescript, '    keyLabel: ', ','))).toBe(body.keyLabel);
  });
});

it('the page shows the curl program, the one that fits the size budget', async () => {
  const { snippets: shown } = await import('../../src/wire/snippets');
  expect(shown(STANDIN, EVERY!.body, EVERY!.attribution)).toEqual({ curl: of(EVERY, STANDIN).curl });
});

describe('hostile labels in every kind of code', () => {
  const shape = (text: string) => text.split('\n').length;
  const plain = snippets(ORIGIN, { ...HOSTILE!.body, keyLabel: 'x' }, HOSTILE!.attribution);

  const check = (label: string) => {
    const all = snippets(ORIGIN, { ...HOSTILE!.body, keyLabel: label }, HOSTILE!.attribution);
    // No label can add, remove or break a line of code.
    for (const kind of KINDS) expect(shape(all[kind]), kind).toBe(shape(plain[kind]));
    expect((0, eval)(literalOf(all.typescript, '    keyLabel: ', ','))).toBe(label);
    expect((0, eval)(literalOf(all['app-typescript'], '    key_label: ', ','))).toBe(label);
    expect(fromPython(literalOf(all.python, '        key_label=', ','))).toBe(label);
    expect(fromPython(literalOf(all['app-python'], '        "key_label": ', ','))).toBe(label);
    expect(
      fromGo(
        lineOf(all.go, '\t\tKeyLabel:')
          .replace(/^ +openrouter\.String\(/, '')
          .slice(0, -2),
      ),
    ).toBe(wellFormed(label));
    expect(fromGo(lineOf(all['app-go'], '\t\t"key_label":').replace(/^ +\{/, '').slice(0, -2))).toBe(wellFormed(label));
    expect(curlBody(all.curl).key_label).toBe(label);
    // Nothing hidden anywhere: only the code's own line breaks and tabs.
    for (const kind of KINDS) expect(all[kind]).not.toMatch(HIDDEN_BUT_LAYOUT_RE);
  };

  it.each([HOSTILE_LABEL, ...HOSTILE_LABELS].map((label) => [label]))('keeps %j a string value in every language', check);

  it('keeps any label a string value in every language', () => {
    fc.assert(
      fc.property(
        hostile.filter((label) => label !== ''),
        check,
      ),
      { numRuns: 200 },
    );
  });

  it('keeps the hostile callback and title values too', () => {
    const all = of(HOSTILE);
    expect((0, eval)(literalOf(all.typescript, '  appTitle: ', ','))).toBe(HOSTILE!.attribution.appTitle);
    expect(fromShell("'X-OpenRouter-Title" + lineOf(all.curl, "  -H 'X-OpenRouter-Title").replace(/ \\$/, ''))).toBe(
      `X-OpenRouter-Title: ${HOSTILE!.attribution.appTitle}`,
    );
    expect(curlBody(all.curl).callback_url).toBe(HOSTILE!.body.callbackUrl);
  });
});
