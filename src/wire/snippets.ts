// Keymint's settings as code to copy, generated from data: a whole program per language that mints
// a key with the reader's own key (OPENROUTER_API_KEY), and, for people building an app with this
// sign-in, the redirect flow itself. One generator per language; a value only ever enters code
// through that language's literal, so no text of a value can become code, and a line may hold any
// number of values. Invisible and direction-changing characters are written as escapes.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField } from './fields';
import { ATTRIBUTION_HEADERS, type Attribution, type AttributionField } from './create-code';
import { SDK_BODY_ORDER, toWireBody } from './request';

/** A program per language, then the sign-in for an app per SDK language. */
export type SnippetKind = 'typescript' | 'python' | 'go' | 'curl' | 'app-typescript' | 'app-python' | 'app-go';

/** What each language's code was checked against (the test holds these to the SDKs' sources). */
export const CHECKED = {
  typescript: '@openrouter/sdk 1.3.19',
  python: 'openrouter 1.x, OpenRouterTeam/python-sdk at 0ddc3b3; older releases lack workspace_id',
  go: 'github.com/OpenRouterTeam/go-sdk v0.7.67, which needs Go 1.25',
  curl: 'curl and openssl',
};

// JSON.stringify escapes C0 controls, lone surrogates, `"` and `\`. Still raw after it: DEL and C1
// controls, soft hyphen, zero-width space, bidirectional marks, line and paragraph separators, the
// byte order mark and interlinear annotation characters.
const HIDDEN_RE = /[\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** JSON text with hidden characters as `\uxxxx` escapes: the same value, visible when pasted. */
const visible = (json: string): string => json.replace(HIDDEN_RE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * A double-quoted literal of `text`, lone surrogates included: JSON's escapes mean the same in
 * TypeScript, Python 3 and Go. Go strings cannot hold a lone surrogate, so `go` makes it U+FFFD.
 */
export const stringLiteral = (text: string, go?: boolean): string => visible(JSON.stringify(go ? text.replace(/\p{Cs}/gu, '\ufffd') : text));

/** A POSIX shell word that passes `text` through unchanged: single quotes, `'` as `'\''`. */
export const shellWord = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The settings every generator reads. */
interface Form {
  plain: boolean;
  method: string;
  /** `<origin>/auth`. */
  auth: string;
  /** The SDKs' base URL when the origin is not OpenRouter's own (a stand-in), else undefined. */
  api?: string;
  /** Every body field to send, in the SDK's order; `codeChallenge` stands for the program's own. */
  fields: [BodyField, string | number][];
  headers: [AttributionField, string][];
}

type Lines = (string | false | undefined)[];

/** The lines that are there, each indented by `by`. */
const indent = (by: string, lines: Lines): string[] => lines.flatMap((line) => (typeof line == 'string' ? [line && by + line] : []));

const text = (...lines: Lines): string => indent('', lines).join('\n') + '\n';

/** A comment block saying what the code does and what it was checked against. */
function note(mark: string, checked: string, app?: boolean): string[] {
  const what = app
    ? [
        'Sign-in with OpenRouter for your own app, with these settings: send the person to the /auth URL,',
        'keep the verifier (in their session) and, when they come back to callback_url, exchange its code.',
      ]
    : [
        'Mints an OpenRouter API key with your key (OPENROUTER_API_KEY): makes its own PKCE verifier and',
        'challenge, creates a code (POST /api/v1/auth/keys/code), exchanges it (POST /api/v1/auth/keys)',
        'and prints the new key.',
      ];
  return [...what, `Checked against ${checked}.`].map((line) => `${mark} ${line}`);
}

/** `key: value` lines with the values in one column, as gofmt lays out a composite literal. */
const aligned = (entries: [string, string][]): string[] => {
  const width = Math.max(...entries.map(([key]) => key.length));
  return entries.map(([key, value]) => `${`${key}:`.padEnd(width + 2)}${value},`);
};

// ---- TypeScript: @openrouter/sdk, an ES module (top-level await) -----------------------------

function typescript(form: Form): [string, string] {
  const s = (value: string) => stringLiteral(value);
  const client = (key?: boolean) => {
    const options = [key && 'apiKey: process.env.OPENROUTER_API_KEY,', form.api && `serverURL: ${s(form.api)},`].filter(Boolean);
    return options.length ? ['const openRouter = new OpenRouter({', ...indent('  ', options), '});'] : ['const openRouter = new OpenRouter();'];
  };
  const pkce = [
    `const { codeVerifier${form.plain ? '' : ', codeChallenge'} } = await openRouter.oAuth.createSHA256CodeChallenge();`,
    form.plain && 'const codeChallenge = codeVerifier;',
  ];
  const exchange = (code: string) => [
    'const { key } = await openRouter.oAuth.exchangeAuthCodeForAPIKey({',
    `  requestBody: { ${code}, codeVerifier, codeChallengeMethod: ${s(form.method)} },`,
    '});',
  ];
  const body = form.fields.map(([field, value]) =>
    field == 'codeChallenge'
      ? 'codeChallenge,'
      : `${field}: ${field == 'expiresAt' ? `new Date(${s('' + value)})` : typeof value == 'number' ? value : s(value)},`,
  );
  const start = [
    ...note('//', CHECKED.typescript),
    '// An ES module (top-level await): save it as mint.mts and run `npx tsx mint.mts`.',
    'import { OpenRouter } from "@openrouter/sdk";',
    '',
    ...client(true),
    ...pkce,
    '',
    'const { data } = await openRouter.oAuth.createAuthCode({',
    ...indent(
      '  ',
      form.headers.map(([option, value]) => `${option}: ${s(value)},`),
    ),
    '  requestBody: {',
    ...indent('    ', body),
    '  },',
    '});',
    ...exchange('code: data.id'),
    'console.log(key);',
  ];
  const app = [
    ...note('//', CHECKED.typescript, true),
    'import { OpenRouter } from "@openrouter/sdk";',
    '',
    ...client(),
    '',
    '/** Where to send the person, and the verifier to keep for their return. Runs in a browser or on a server. */',
    'export async function startSignIn(): Promise<{ url: string; codeVerifier: string }> {',
    ...indent('  ', [
      ...pkce,
      'const query = new URLSearchParams({',
      ...indent(
        '  ',
        authQuery(form, s, 'codeChallenge').map(([name, value]) => `${name}: ${value},`),
      ),
      '});',
      `return { url: ${s(form.auth + '?')} + query, codeVerifier };`,
    ]),
    '}',
    '',
    '/** The key for the code OpenRouter sent back to callback_url and the verifier kept for it. */',
    'export async function finishSignIn(code: string, codeVerifier: string): Promise<string> {',
    ...indent('  ', [...exchange('code'), 'return key;']),
    '}',
    '',
    '/** In a browser: sends this tab to OpenRouter, the verifier kept in sessionStorage. */',
    'export async function signIn(): Promise<void> {',
    '  const { url, codeVerifier } = await startSignIn();',
    '  sessionStorage.setItem("openrouter-verifier", codeVerifier);',
    '  location.assign(url);',
    '}',
    '',
    '/** In a browser, on the callback page: the new key, or null when no sign-in came back here. */',
    'export async function finishHere(): Promise<string | null> {',
    '  const code = new URLSearchParams(location.search).get("code");',
    '  const codeVerifier = sessionStorage.getItem("openrouter-verifier");',
    '  sessionStorage.removeItem("openrouter-verifier");',
    '  history.replaceState(null, "", location.pathname);',
    '  return code && codeVerifier ? finishSignIn(code, codeVerifier) : null;',
    '}',
  ];
  return [text(...start), text(...app)];
}

/** The /auth query as [name, value]: each value a literal made by `s`, the challenge the variable `challenge`. */
const authQuery = (form: Form, s: (text: string) => string, challenge: string): [string, string][] =>
  form.fields.map(([field, value]) => [WIRE_NAMES[field], field == 'codeChallenge' ? challenge : s('' + value)]);

// ---- Python: OpenRouter's SDK, flat keyword arguments ----------------------------------------

function python(form: Form): [string, string] {
  const s = (value: string) => stringLiteral(value);
  const pkce = [
    'verifier = secrets.token_urlsafe(32)',
    `challenge = ${form.plain ? 'verifier' : 'base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()'}`,
  ];
  const client = (key?: boolean) => {
    const options = [
      key && 'api_key=os.environ["OPENROUTER_API_KEY"],',
      ...form.headers.map(([option, value]) => key && `${PYTHON_HEADERS[option]}=${s(value)},`),
      form.api && `server_url=${s(form.api)},`,
    ].filter(Boolean);
    return options.length ? ['with OpenRouter(', ...indent('    ', options), ') as open_router:'] : ['with OpenRouter() as open_router:'];
  };
  const exchange = (code: string) => [
    'key = open_router.o_auth.exchange_auth_code_for_api_key(',
    `    code=${code}, code_challenge_method=${s(form.method)}, code_verifier=verifier`,
    ').key',
  ];
  const body = form.fields.map(
    ([field, value]) =>
      `${WIRE_NAMES[field]}=${
        field == 'codeChallenge'
          ? 'challenge'
          : field == 'expiresAt'
            ? `datetime.fromisoformat(${s(('' + value).replace(/Z$/, '+00:00'))})`
            : typeof value == 'number'
              ? value
              : s(value)
      },`,
  );
  const imports = 'import base64, hashlib, secrets';
  const start = [
    ...note('#', CHECKED.python),
    `${imports}, os`,
    form.fields.some(([field]) => field == 'expiresAt') && 'from datetime import datetime',
    '',
    'from openrouter import OpenRouter',
    '',
    ...pkce,
    '',
    ...client(true),
    '    res = open_router.o_auth.create_auth_code(',
    ...indent('        ', body),
    '    )',
    ...indent('    ', exchange('res.data.id')),
    '    print(key)',
  ];
  const app = [
    ...note('#', CHECKED.python, true),
    imports,
    'from urllib.parse import urlencode',
    '',
    'from openrouter import OpenRouter',
    '',
    '',
    'def start_sign_in():',
    '    """Where to send the person, and the verifier to keep for their return."""',
    ...indent('    ', [
      ...pkce,
      'query = urlencode({',
      ...indent(
        '    ',
        authQuery(form, s, 'challenge').map(([name, value]) => `${s(name)}: ${value},`),
      ),
      '})',
      `return ${s(form.auth + '?')} + query, verifier`,
    ]),
    '',
    '',
    'def finish_sign_in(code, verifier):',
    '    """The key for the code OpenRouter sent back to callback_url and the verifier kept for it."""',
    ...indent('    ', [...client(), ...indent('    ', [...exchange('code'), 'return key'])]),
  ];
  return [text(...start), text(...app)];
}

const PYTHON_HEADERS: Record<AttributionField, string> = {
  httpReferer: 'http_referer',
  appTitle: 'x_open_router_title',
  appCategories: 'x_open_router_categories',
};

// ---- Go: OpenRouterTeam/go-sdk ---------------------------------------------------------------

function go(form: Form): [string, string] {
  const s = (value: string) => stringLiteral(value, true);
  const method = form.plain ? 'Plain' : 'S256';
  const pkce = [
    'random := make([]byte, 32)',
    'rand.Read(random)',
    'verifier := base64.RawURLEncoding.EncodeToString(random)',
    ...(form.plain ? ['challenge := verifier'] : ['sum := sha256.Sum256([]byte(verifier))', 'challenge := base64.RawURLEncoding.EncodeToString(sum[:])']),
  ];
  const client = (key?: boolean) => {
    const options = [key && 'openrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),', form.api && `openrouter.WithServerURL(${s(form.api)}),`].filter(
      Boolean,
    );
    return options.length ? ['s := openrouter.New(', ...indent('\t', options), ')'] : ['s := openrouter.New()'];
  };
  const exchange = (code: string, fail: string) => [
    'out, err := s.OAuth.ExchangeAuthCodeForAPIKey(ctx, operations.ExchangeAuthCodeForAPIKeyRequest{',
    ...indent(
      '\t',
      aligned([
        ['Code', code],
        ['CodeChallengeMethod', `optionalnullable.From(operations.ExchangeAuthCodeForAPIKeyCodeChallengeMethod${method}.ToPointer())`],
        ['CodeVerifier', 'openrouter.String(verifier)'],
      ]),
    ),
    '})',
    'if err != nil {',
    `\t${fail}`,
    '}',
  ];
  const title = (name: string) => name[0]!.toUpperCase() + name.slice(1);
  const body = aligned(
    form.fields.map(([field, value]) => [
      title(field).replace(/Url$/, 'URL').replace(/Id$/, 'ID'),
      field == 'callbackUrl'
        ? s('' + value)
        : field == 'codeChallenge'
          ? 'openrouter.String(challenge)'
          : field == 'codeChallengeMethod'
            ? `operations.CreateAuthKeysCodeCodeChallengeMethod${method}.ToPointer()`
            : field == 'usageLimitType'
              ? `operations.UsageLimitType${title('' + value)}.ToPointer()`
              : field == 'expiresAt'
                ? `optionalnullable.From(types.MustNewTimeFromString(${s('' + value)}))`
                : typeof value == 'number'
                  ? `openrouter.Float64(${value})`
                  : `openrouter.String(${s(value)})`,
    ]),
  );
  const headers = aligned(form.headers.map(([option, value]) => [s(ATTRIBUTION_HEADERS[option]), s(value)]));
  const imports = (extra: string[]) =>
    [
      'import (',
      ...indent('\t', [
        ...['context', 'crypto/rand', 'crypto/sha256', 'encoding/base64', ...extra].sort().map((path) => s(path)),
        '',
        'openrouter "github.com/OpenRouterTeam/go-sdk"',
        '"github.com/OpenRouterTeam/go-sdk/models/operations"',
        '"github.com/OpenRouterTeam/go-sdk/optionalnullable"',
      ]),
    ] as Lines;
  const start = [
    ...note('//', CHECKED.go),
    'package main',
    '',
    ...imports(['fmt', 'os']),
    form.fields.some(([field]) => field == 'expiresAt') && '\t"github.com/OpenRouterTeam/go-sdk/types"',
    ')',
    '',
    'func main() {',
    ...indent('\t', [
      'ctx := context.Background()',
      ...pkce,
      ...client(true),
      'res, err := s.OAuth.CreateAuthCode(ctx, operations.CreateAuthKeysCodeRequest{',
      ...indent('\t', body),
      headers.length ? '}, operations.WithSetHeaders(map[string]string{' : '})',
      ...(headers.length ? [...indent('\t', headers), '}))'] : []),
      'if err != nil {',
      '\tpanic(err)',
      '}',
      ...exchange('res.Data.ID', 'panic(err)'),
      'fmt.Println(out.Key)',
    ]),
    '}',
  ];
  const app = [
    ...note('//', CHECKED.go, true),
    'package signin',
    '',
    ...imports(['net/url']),
    ')',
    '',
    '// StartSignIn returns where to send the person, and the verifier to keep for their return.',
    'func StartSignIn() (string, string) {',
    ...indent('\t', [
      ...pkce,
      'query := url.Values{',
      ...indent('\t', aligned(authQuery(form, s, 'challenge').map(([name, value]) => [s(name), `{${value}}`]))),
      '}',
      `return ${s(form.auth + '?')} + query.Encode(), verifier`,
    ]),
    '}',
    '',
    '// FinishSignIn returns the key for the code OpenRouter sent back to callback_url and the verifier kept for it.',
    'func FinishSignIn(ctx context.Context, code, verifier string) (string, error) {',
    ...indent('\t', [...client(), ...exchange('code', 'return "", err'), 'return out.Key, nil']),
    '}',
  ];
  return [text(...start), text(...app)];
}

// ---- curl: the same two requests, openssl for the challenge ----------------------------------

function curl(form: Form): string {
  const api = (form.api ?? 'https://openrouter.ai/api/v1') + '/auth/keys';
  // The body without its closing brace: the challenge, made by the script, goes last.
  const body = visible(JSON.stringify(toWireBody(Object.fromEntries(form.fields)))).slice(0, -1);
  return text(
    '#!/usr/bin/env bash',
    ...note('#', CHECKED.curl),
    'set -euo pipefail',
    '# The string field $1 of the JSON answer $2; the answer itself, to stderr, when it has none.',
    `field() { printf %s "$2" | grep -o "\\"$1\\": *\\"[^\\"]*\\"" | cut -d'"' -f4 || { echo "$2" >&2; exit 1; }; }`,
    `verifier=$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')`,
    form.plain ? 'challenge=$verifier' : `challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 | tr '+/' '-_' | tr -d '=')`,
    `answer=$(curl -sS ${shellWord(api + '/code')} \\`,
    '  -H "Authorization: Bearer $OPENROUTER_API_KEY" \\',
    `  -H 'Content-Type: application/json' \\`,
    ...form.headers.map(([option, value]) => `  -H ${shellWord(`${ATTRIBUTION_HEADERS[option]}: ${value}`)} \\`),
    `  --data-raw ${shellWord(body + ',"code_challenge":"')}"$challenge"'"}')`,
    'code=$(field id "$answer")',
    `answer=$(curl -sS ${shellWord(api)} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data-raw '{"code":"'"$code"'","code_verifier":"'"$verifier"'","code_challenge_method":${JSON.stringify(form.method)}}')`,
    'field key "$answer"',
  );
}

/** The settings as every generator reads them; the form's own challenge is never used. */
function formOf(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution): Form {
  const server = new URL(origin).origin;
  const method = body.codeChallengeMethod ?? 'S256';
  return {
    plain: method == 'plain',
    method,
    auth: server + '/auth',
    api: server == 'https://openrouter.ai' ? undefined : server + '/api/v1',
    fields: SDK_BODY_ORDER.flatMap((field): [BodyField, string | number][] => {
      const value = field == 'codeChallenge' ? '' : field == 'codeChallengeMethod' ? method : field == 'callbackUrl' ? (body.callbackUrl ?? '') : body[field];
      return value === undefined || (value === '' && field != 'codeChallenge' && field != 'callbackUrl') ? [] : [[field, value]];
    }),
    headers: Object.keys(ATTRIBUTION_HEADERS).flatMap((option) => {
      const value = attribution[option as AttributionField];
      return value ? [[option as AttributionField, value]] : [];
    }),
  };
}

/** Every kind of code for Keymint's current settings. */
export function allSnippets(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): Record<SnippetKind, string> {
  const form = formOf(origin, body, attribution);
  const [typescriptProgram, typescriptApp] = typescript(form);
  const [pythonProgram, pythonApp] = python(form);
  const [goProgram, goApp] = go(form);
  return {
    typescript: typescriptProgram,
    python: pythonProgram,
    go: goProgram,
    curl: curl(form),
    'app-typescript': typescriptApp,
    'app-python': pythonApp,
    'app-go': goApp,
  };
}

/**
 * The kinds the page shows. Only the curl program fits the build's size budget next to the rest of
 * the page; the bundler leaves out the generators the page does not call.
 */
export type ShownKind = 'curl';

/** The code the page shows for Keymint's current settings. */
export function snippets(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): Record<ShownKind, string> {
  return { curl: curl(formOf(origin, body, attribution)) };
}
