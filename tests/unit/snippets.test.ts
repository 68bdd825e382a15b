import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SETTINGS_MARKER, settingsBlock, shellWord, withSettings, type ProgramFile } from '../../src/wire/snippets';
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
  it('shellWord passes any string through single quotes unchanged', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        expect(fromShell(shellWord(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  // The label as the TypeScript and Go blocks write it: a JSON string, hidden characters and the backquote escaped.
  it.each([
    ['quote and backslash', 'a"b\\c', '"a\\"b\\\\c"'],
    ['newline, tab, backspace, NUL and DEL', '\n\t\b\u0000\u007f', '"\\n\\t\\b\\u0000\\u007f"'],
    ['bidi override and line separator', '\u202e\u2028', '"\\u202e\\u2028"'],
    ['lone surrogate', 'x\ud800', '"x\\ud800"'],
    ['backquote', 'a`b', '"a\\u0060b"'],
    ['visible unicode', 'é🔑', '"é🔑"'],
    ['an emoji joined by ZWJ', '\u{1F9D1}\u200D\u{1F4BB}', '"\u{1F9D1}\u200D\u{1F4BB}"'],
  ])('escape %s as expected', (_, text, literal) => {
    const settings = { origin: ORIGIN, body: { callbackUrl: 'https://x.test/', keyLabel: text, limit: 1 } };
    for (const file of ['mint.ts', 'app.go'] as const) expect(settingsBlock(file, settings), file).toContain(`  "keyLabel": ${literal},`);
    expect(settingsBlock('app.py', settings)).toContain(`  "key_label": ${literal},`);
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

/** The text between `prefix` and `suffix`, which the block must be. */
function inside(block: string[], prefix: string, suffix: string): string {
  const text = block.join('\n');
  expect(text.startsWith(prefix) && text.endsWith(suffix), text).toBe(true);
  return text.slice(prefix.length, -suffix.length);
}

/** Reads a block back with each language's own rules: the settings it gives the program. */
function readBlock(file: ProgramFile, text: string): Settings {
  const block = blockOf(file, text);
  switch (file.slice(-2)) {
    case 'ts': {
      // An object literal with nothing but literals in it: JavaScript reads it as TypeScript does, and it is JSON.
      const json = inside(block, 'const settings: Settings = ', ';');
      const read = (0, eval)(`(${json})`) as Settings;
      expect(read).toEqual(JSON.parse(json));
      return read;
    }
    case 'py': {
      // A dict display of JSON strings and numbers: each string means in Python 3 what it means in JSON.
      const json = inside(block, 'SETTINGS = Settings(**', ')');
      for (const [literal] of json.matchAll(/"(?:[^"\\]|\\.)*"/g)) expect(fromPython(literal)).toBe(JSON.parse(literal));
      expect(json.replace(/"(?:[^"\\]|\\.)*"/g, '""')).toMatch(/^[{}\s:,"\d.e+-]*$/);
      return JSON.parse(json) as Settings;
    }
    case 'go': {
      // A raw string (no backquote, no carriage return) that encoding/json decodes: lone surrogates become U+FFFD.
      const json = inside(block, 'var settings = load(`', '`)');
      expect(json).not.toMatch(/[`\r]/);
      const read = JSON.parse(json) as Settings;
      return Object.fromEntries(Object.entries(read).map(([name, value]) => [name, typeof value == 'string' ? wellFormed(value) : value]));
    }
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
  const renamed = (name: (camel: string) => string) => Object.fromEntries(Object.entries(camel).map(([key, value]) => [name(key), value]));
  switch (file.slice(-2)) {
    case 'ts':
    case 'go':
      // Go's struct takes the same names, by its json tags.
      return camel;
    case 'py':
      return renamed(snake);
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
    expect(JSON.parse(lineOf(typescript, '  "callbackUrl": ').slice(0, -1))).toBe(body.callbackUrl);
    expect(JSON.parse(lineOf(typescript, '  "keyLabel": ').slice(0, -1))).toBe(body.keyLabel);
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
    expect(shown['mint.ts']).toContain('\n  "codeChallengeMethod": "plain",\n');
    expect(shown['app.py']).toContain('\n  "code_challenge_method": "plain",\n');
    expect(shown['mint.go']).toContain('\n  "codeChallengeMethod": "plain",\n');
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
    expect(all(EVERY)['mint.go']).toContain('\n  "expiresAt": "2027-01-01T00:00:00Z",\n  "keyLabel": "CI key",\n  "limit": 12.5,\n');
  });

  it('only the callback: the block has the callback and the method, and nothing else', () => {
    const shown = all(ONLY_CALLBACK);
    expect(blockOf('mint.ts', shown['mint.ts'])).toEqual([
      'const settings: Settings = {',
      '  "callbackUrl": "http://localhost:3000/callback",',
      '  "codeChallengeMethod": "S256"',
      '};',
    ]);
    expect(blockOf('mint.sh', shown['mint.sh'])).toEqual([`body='{"callback_url":"http://localhost:3000/callback","code_challenge_method":"S256"}'`]);
    expect(blockOf('app.go', shown['app.go'])).toEqual([
      'var settings = load(`{',
      '  "callbackUrl": "http://localhost:3000/callback",',
      '  "codeChallengeMethod": "S256"',
      '}`)',
    ]);
  });

  it('an app without a callback (paste mode) leaves it out, and the app then sends none', () => {
    const { callbackUrl: _, ...body } = EVERY!.body;
    for (const file of APP_FILES) expect(blockOf(file, withSettings(file, source(file), { origin: ORIGIN, body })).join('\n'), file).not.toMatch(/callback/i);
    expect(source('app.ts')).toContain('if (value !== undefined) url.searchParams.set(name, String(value));');
    expect(source('app.py')).toContain('if value is not None');
    expect(source('app.go')).toContain('\t\tif value != "" {\n\t\t\tquery.Set(name, value)');
  });

  it('an integer limit stays a number in every block', () => {
    const shown = all(INTEGER);
    for (const file of ['mint.ts', 'app.ts', 'mint.py', 'app.py', 'mint.go', 'app.go'] as const) expect(shown[file], file).toContain('\n  "limit": 5,\n');
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
    expect(standin['mint.ts']).toContain('\n  "serverUrl": "http://127.0.0.1:4010/api/v1",\n');
    expect(standin['app.py']).toContain('\n  "server_url": "http://127.0.0.1:4010/api/v1",\n');
    expect(standin['mint.go']).toContain('\n  "serverUrl": "http://127.0.0.1:4010/api/v1",\n');
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
      const name = { ts: 'keyLabel', py: 'key_label', go: 'keyLabel', sh: 'key_label' }[file.slice(-2)]!;
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
    expect(readBlock('mint.go', shown['mint.go'])).toMatchObject({ appTitle: HOSTILE!.attribution.appTitle });
  });
});

it('offers every program on the page: the mint programs and the app sign-in', () => {
  expect([...MINT_FILES, ...APP_FILES].sort()).toEqual([...PROGRAM_FILES].sort());
});
