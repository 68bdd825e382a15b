import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS_MARKER, settingsBlock, shellWord, stringLiteral, withSettings, type ProgramFile } from '../../src/wire/snippets';
import { APP_FILES, MINT_FILES, PROGRAM_FILES, programs as of, source } from '../snippets/programs';
import { HOSTILE_LABEL, variants, type Variant } from '../snippets/variants';

const ORIGIN = 'https://openrouter.ai';
const STANDIN = 'http://127.0.0.1:4010';
const [EVERY, ONLY_CALLBACK, PLAIN, INTEGER, HOSTILE] = variants();

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

const all = (variant: Variant | undefined, origin = ORIGIN) => of(origin, variant!);
const lineOf = (text: string, prefix: string) => {
  const line = text.split('\n').find((line) => line.startsWith(prefix));
  expect(line, `a line starting ${JSON.stringify(prefix)}`).toBeDefined();
  return line!.slice(prefix.length);
};
const markedAt = (file: ProgramFile) =>
  source(file)
    .split('\n')
    .findIndex((line) => line.includes(SETTINGS_MARKER));

/** The settings block in a program as shown: the lines that took the marked line's place. */
function blockOf(file: ProgramFile, text: string): string[] {
  const fixed = source(file).split('\n');
  const lines = text.split('\n');
  const at = markedAt(file);
  // Everything else is the file's own text, unchanged.
  expect(lines.slice(0, at)).toEqual(fixed.slice(0, at));
  expect(lines.slice(lines.length - (fixed.length - at - 1))).toEqual(fixed.slice(at + 1));
  return lines.slice(at, lines.length - (fixed.length - at - 1));
}

type Settings = Record<string, string | number>;

/** Reads a block back with each language's own literal rules: the settings it gives the program. */
function readBlock(file: ProgramFile, text: string): Settings {
  const block = blockOf(file, text);
  const pairs = (open: string, close: string, line: RegExp, value: (literal: string) => string | number) => {
    expect(block[0]).toBe(open);
    expect(block.at(-1)).toBe(close);
    return Object.fromEntries(
      block.slice(1, -1).map((text) => {
        const match = line.exec(text);
        expect(match, text).not.toBeNull();
        return [match![1]!, value(match![2]!)];
      }),
    );
  };
  switch (file.slice(-2)) {
    case 'ts':
      // The block is an object literal with nothing but literals in it: JavaScript reads it as TypeScript does.
      expect(block.at(-1)).toBe('};');
      return (0, eval)(
        `(${block
          .join('\n')
          .replace(/^const settings: Settings = /, '')
          .slice(0, -1)})`,
      ) as Settings;
    case 'py':
      return pairs('SETTINGS = Settings(', ')', /^ {4}(\w+)=(.*),$/, (literal) => (literal.startsWith('"') ? fromPython(literal) : Number(literal)));
    case 'go':
      return pairs('var settings = Settings{', '}', /^\t(\w+): +(.*),$/, (literal) =>
        literal.startsWith('"') ? fromGo(literal) : Number(/^openrouter\.Float64\((.*)\)$/.exec(literal)![1]),
      );
    default: {
      const settings: Settings = {};
      for (const line of block) {
        const [, name, word] = /^(\w+)=(.*)$/.exec(line)!;
        if (name === 'body') Object.assign(settings, JSON.parse(fromShell(word!)));
        else settings[name!] = fromShell(word!);
      }
      return settings;
    }
  }
}

/** What each program must be told, in its language's names: worked out here from the variant, not by the writer. */
function expected(file: ProgramFile, origin: string, { body, attribution }: Variant): Settings {
  const camel: Settings = {
    ...(origin !== ORIGIN && { serverUrl: `${origin}/api/v1` }),
    ...(file.startsWith('mint') && attribution),
    callbackUrl: body.callbackUrl!,
    codeChallengeMethod: body.codeChallengeMethod ?? 'S256',
    ...(body.expiresAt && { expiresAt: body.expiresAt }),
    ...(body.keyLabel && { keyLabel: body.keyLabel }),
    ...(body.limit !== undefined && { limit: body.limit }),
    ...(body.usageLimitType && { usageLimitType: body.usageLimitType }),
    ...(body.workspaceId && { workspaceId: body.workspaceId }),
  };
  const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  const GO: Record<string, string> = { serverUrl: 'ServerURL', httpReferer: 'HTTPReferer', callbackUrl: 'CallbackURL', workspaceId: 'WorkspaceID' };
  const renamed = (name: (camel: string) => string) => Object.fromEntries(Object.entries(camel).map(([key, value]) => [name(key), value]));
  switch (file.slice(-2)) {
    case 'ts':
      return camel;
    case 'py':
      return renamed(snake);
    case 'go':
      return renamed((key) => GO[key] ?? key[0]!.toUpperCase() + key.slice(1));
    default:
      // The body as the TypeScript SDK sends it: expires_at with milliseconds.
      return renamed(snake);
  }
}

describe('every program with every kind of setting', () => {
  const cases = [ORIGIN, STANDIN].flatMap((origin) => variants().flatMap((variant) => PROGRAM_FILES.map((file) => ({ origin, variant, file }))));

  it.each(cases.map((c) => [c.file, c.variant.name, c.origin, c] as const))('%s, %s, %s: the block gives the program exactly these settings', (...args) => {
    const { origin, variant, file } = args[3];
    const want = expected(file, origin, variant);
    if (file === 'mint.sh' && want.expires_at) want.expires_at = new Date(want.expires_at as string).toISOString();
    expect(readBlock(file, all(variant, origin)[file])).toEqual(want);
  });

  it.each(variants().map((variant) => [variant.name, variant] as const))(
    '%s: each program says what it was checked against, once, and ends its lines cleanly',
    (_, variant) => {
      const shown = all(variant);
      for (const file of PROGRAM_FILES) {
        expect(source(file).split('Checked against ')).toHaveLength(2);
        expect(shown[file].endsWith('\n'), file).toBe(true);
        expect(shown[file], file).not.toMatch(/[ \t]$/m);
        // Keymint's own challenge belongs to a verifier only Keymint holds: no program uses it.
        expect(shown[file], file).not.toContain('KEYMINTS-OWN-CHALLENGE');
      }
    },
  );
});

describe('the settings line', () => {
  const settings = { origin: ORIGIN, body: EVERY!.body };

  it('is exactly one line of each program file, and only that line is replaced', () => {
    for (const file of PROGRAM_FILES) {
      expect(source(file).split(SETTINGS_MARKER), file).toHaveLength(2);
      const shown = withSettings(file, source(file), settings).split('\n');
      const fixed = source(file).split('\n');
      const at = markedAt(file);
      expect(shown).toEqual([...fixed.slice(0, at), ...settingsBlock(file, settings), ...fixed.slice(at + 1)]);
    }
  });

  it('throws when a program has no marked line, or two', () => {
    const text = source('mint.py');
    expect(() => withSettings('mint.py', text.replace(SETTINGS_MARKER, 'settings'), settings)).toThrow(/mint\.py: 0 @keymint-settings lines/);
    expect(() => withSettings('mint.py', `${text}# ${SETTINGS_MARKER}\n`, settings)).toThrow(/mint\.py: 2 @keymint-settings lines/);
    expect(() => withSettings('app.go', `// ${SETTINGS_MARKER} ${SETTINGS_MARKER}\n${source('app.go')}`, settings)).toThrow(/app\.go: 2/);
  });

  it('puts two values on one line without either leaking: the callback and the label in the bash body', () => {
    const body = { ...EVERY!.body, callbackUrl: 'https://myapp.com/$keyLabel?x=$callbackUrl', keyLabel: `$callbackUrl and $keyLabel \${server} '$&' "$1"` };
    const [line, ...rest] = settingsBlock('mint.sh', { origin: ORIGIN, body });
    expect(rest).toEqual([]);
    expect(JSON.parse(fromShell(line!.replace(/^body=/, '')))).toMatchObject({
      callback_url: body.callbackUrl,
      key_label: body.keyLabel,
      limit: 12.5,
      usage_limit_type: 'monthly',
    });
    // And a line each in the SDK programs, each as given.
    const typescript = blockOf('mint.ts', all({ ...EVERY!, body })['mint.ts']).join('\n');
    expect((0, eval)(lineOf(typescript, '  callbackUrl: ').slice(0, -1))).toBe(body.callbackUrl);
    expect((0, eval)(lineOf(typescript, '  keyLabel: ').slice(0, -1))).toBe(body.keyLabel);
  });
});

describe('what the programs do with their settings', () => {
  it('each program makes its own verifier and challenge, S256 unless plain, and exchanges the code with that verifier', () => {
    expect(source('mint.ts')).toContain('const { codeVerifier, codeChallenge } = await openRouter.oAuth.createSHA256CodeChallenge();');
    expect(source('mint.ts')).toContain('codeChallenge: codeChallengeMethod === "plain" ? codeVerifier : codeChallenge,');
    expect(source('mint.ts')).toContain('requestBody: { code: data.id, codeVerifier, codeChallengeMethod },');
    expect(source('mint.py')).toContain('challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()');
    expect(source('mint.py')).toContain('code=res.data.id,');
    expect(source('mint.go')).toContain('return verifier, base64.RawURLEncoding.EncodeToString(sum[:])');
    expect(source('mint.go')).toContain('Code:                res.Data.ID,');
    expect(source('mint.sh')).toContain(`challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=')`);
    expect(source('mint.sh')).toContain(`"{\\"code\\":\\"$code\\",\\"code_verifier\\":\\"$verifier\\",\\"code_challenge_method\\":\\"$method\\"}"`);
    for (const file of PROGRAM_FILES) expect(source(file), file).toMatch(/plain/);
  });

  it('plain: every block says so', () => {
    const shown = all(PLAIN);
    expect(shown['mint.ts']).toContain('\n  codeChallengeMethod: "plain",\n');
    expect(shown['app.py']).toContain('\n    code_challenge_method="plain",\n');
    expect(shown['mint.go']).toContain('\n\tCodeChallengeMethod: "plain",\n');
    expect(JSON.parse(fromShell(lineOf(shown['mint.sh'], 'body=')))).toMatchObject({ code_challenge_method: 'plain' });
  });

  it('Go: the expiry set only when given, without a Pointer around it, and the attribution as per-call headers', () => {
    const go = source('mint.go');
    expect(go).toContain(
      '\tif settings.ExpiresAt != "" {\n\t\trequest.ExpiresAt = optionalnullable.From(types.MustNewTimeFromString(settings.ExpiresAt))\n\t}',
    );
    expect(go).toContain('s.OAuth.CreateAuthCode(ctx, request, operations.WithSetHeaders(headers))');
    expect(go).toContain('\t\t"X-OpenRouter-Categories": settings.AppCategories,');
    // The SDK's globals never reach CreateAuthCode's request.
    expect(go).not.toMatch(/WithHTTPReferer|WithXTitle|openrouter\.Pointer\(types/);
    expect(all(EVERY)['mint.go']).toContain(
      '\n\tExpiresAt:           "2027-01-01T00:00:00Z",\n\tKeyLabel:            "CI key",\n\tLimit:               openrouter.Float64(12.5),\n',
    );
  });

  it('only the callback: the block has the callback and the method, and nothing else', () => {
    const shown = all(ONLY_CALLBACK);
    expect(blockOf('mint.ts', shown['mint.ts'])).toEqual([
      'const settings: Settings = {',
      '  callbackUrl: "http://localhost:3000/callback",',
      '  codeChallengeMethod: "S256",',
      '};',
    ]);
    expect(blockOf('mint.sh', shown['mint.sh'])).toEqual([`body='{"callback_url":"http://localhost:3000/callback","code_challenge_method":"S256"}'`]);
    expect(blockOf('app.go', shown['app.go'])).toEqual([
      'var settings = Settings{',
      '\tCallbackURL:         "http://localhost:3000/callback",',
      '\tCodeChallengeMethod: "S256",',
      '}',
    ]);
  });

  it('an app without a callback (paste mode) leaves it out, and the app then sends none', () => {
    const { callbackUrl: _, ...body } = EVERY!.body;
    for (const file of APP_FILES)
      expect(withSettings(file, source(file), { origin: ORIGIN, body }), file).not.toMatch(/callbackUrl:|callback_url=|CallbackURL:/);
    expect(source('app.ts')).toContain('if (value !== undefined) url.searchParams.set(name, String(value));');
    expect(source('app.py')).toContain('if value is not None');
    expect(source('app.go')).toContain('\t\tif value != "" {\n\t\t\tquery.Set(name, value)');
  });

  it('an integer limit stays a number in every block', () => {
    const shown = all(INTEGER);
    for (const file of ['mint.ts', 'app.ts'] as const) expect(shown[file]).toContain('\n  limit: 5,\n');
    for (const file of ['mint.py', 'app.py'] as const) expect(shown[file]).toContain('\n    limit=5,\n');
    for (const file of ['mint.go', 'app.go'] as const) expect(shown[file]).toContain('\n\tLimit:               openrouter.Float64(5),\n');
    expect(JSON.parse(fromShell(lineOf(shown['mint.sh'], 'body=')))).toMatchObject({ limit: 5 });
    // The app puts it in the /auth URL as a plain decimal.
    expect(source('app.go')).toContain(`strconv.FormatFloat(*settings.Limit, 'f', -1, 64)`);
  });

  it('takes the key from OPENROUTER_API_KEY in every program and nowhere else; app code needs none', () => {
    expect(source('mint.ts')).toContain('new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY, serverURL: serverUrl })');
    expect(source('mint.py')).toContain('    api_key=os.environ["OPENROUTER_API_KEY"],');
    expect(source('mint.go')).toContain('\t\topenrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),');
    expect(source('mint.sh')).toContain('  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\');
    for (const file of APP_FILES) expect(source(file), file).not.toMatch(/OPENROUTER_API_KEY|api_key=|apiKey|WithSecurity/);
    for (const text of Object.values(all(EVERY))) expect(text).not.toMatch(/sk-or-|Bearer [^$]/);
  });

  it('targets the configured origin when it is not openrouter.ai, and only then', () => {
    const standin = all(EVERY, STANDIN);
    expect(standin['mint.ts']).toContain('\n  serverUrl: "http://127.0.0.1:4010/api/v1",\n');
    expect(standin['app.py']).toContain('\n    server_url="http://127.0.0.1:4010/api/v1",\n');
    expect(standin['mint.go']).toContain('\n\tServerURL:           "http://127.0.0.1:4010/api/v1",\n');
    expect(standin['mint.sh']).toContain("\nserver_url='http://127.0.0.1:4010/api/v1'\n");
    for (const [file, text] of Object.entries(all(EVERY)) as [ProgramFile, string][]) {
      expect(blockOf(file, text).join('\n'), file).not.toMatch(/serverUrl|server_url|ServerURL|127\.0\.0\.1/);
    }
    // Without one, each program goes to OpenRouter's own.
    expect(source('mint.sh')).toContain('api=${server_url:-https://openrouter.ai/api/v1}');
    expect(source('app.ts')).toContain('new URL("/auth", settings.serverUrl ?? "https://openrouter.ai")');
    expect(source('app.py')).toContain('urljoin(SETTINGS.server_url or "https://openrouter.ai", "/auth")');
    expect(source('app.go')).toContain('url.Parse("https://openrouter.ai/auth")');
  });

  it('sends the attribution only from the programs that mint with a key', () => {
    const shown = all(EVERY);
    expect(shown['mint.sh']).toContain("\nhttp_referer='https://myapp.com/'\napp_title='My App'\napp_categories='cli-agent,cloud-agent'\n");
    expect(source('mint.sh')).toContain('${app_title:+-H "X-OpenRouter-Title: $app_title"}');
    expect(source('mint.py')).toContain('x_open_router_title=SETTINGS.app_title,');
    for (const file of APP_FILES) expect(shown[file], file).not.toMatch(/My App|myapp\.com\/'|http_?referer|HTTPReferer/i);
  });
});

describe('hostile labels in every program', () => {
  const shape = (text: string) => text.split('\n').length;
  const plain = of(ORIGIN, { ...HOSTILE!, body: { ...HOSTILE!.body, keyLabel: 'x' } });

  const check = (label: string) => {
    const shown = of(ORIGIN, { ...HOSTILE!, body: { ...HOSTILE!.body, keyLabel: label } });
    for (const file of PROGRAM_FILES) {
      // No label can add, remove or break a line of code.
      expect(shape(shown[file]), file).toBe(shape(plain[file]));
      const read = readBlock(file, shown[file]);
      const name = { ts: 'keyLabel', py: 'key_label', go: 'KeyLabel', sh: 'key_label' }[file.slice(-2)]!;
      expect(read[name], file).toBe(file.endsWith('.go') ? wellFormed(label) : label);
      // Nothing hidden anywhere: only the code's own line breaks and tabs.
      expect(shown[file], file).not.toMatch(HIDDEN_BUT_LAYOUT_RE);
    }
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
    const shown = all(HOSTILE);
    expect(readBlock('mint.ts', shown['mint.ts'])).toMatchObject({ appTitle: HOSTILE!.attribution.appTitle, callbackUrl: HOSTILE!.body.callbackUrl });
    expect(readBlock('mint.sh', shown['mint.sh'])).toMatchObject({ app_title: HOSTILE!.attribution.appTitle, callback_url: HOSTILE!.body.callbackUrl });
    expect(readBlock('mint.go', shown['mint.go'])).toMatchObject({ AppTitle: HOSTILE!.attribution.appTitle });
  });
});

it('offers every program on the page: the mint programs and the app sign-in', () => {
  expect([...MINT_FILES, ...APP_FILES].sort()).toEqual([...PROGRAM_FILES].sort());
});
