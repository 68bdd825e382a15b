// The same create-code request as code to copy, for OpenRouter's TypeScript, Python and Go SDKs
// and curl. The key always comes from OPENROUTER_API_KEY, never from the page. Each string value is
// escaped for its language; invisible and direction-changing characters are written as escapes, so
// what is pasted is what is seen.
import type { AuthKeysCodeRequestBody, BodyField } from './fields';
import { ATTRIBUTION_HEADERS, createCodeUrl, type Attribution } from './create-code';
import { SDK_BODY_ORDER, toWireBody } from './request';

export type SnippetLanguage = 'typescript' | 'python' | 'go' | 'curl';
export const SNIPPET_LANGUAGES: readonly SnippetLanguage[] = ['typescript', 'python', 'go', 'curl'];

/** Where the SDKs go when no server is given; any other origin is written into the snippet. */
const SDK_DEFAULT_ORIGIN = 'https://openrouter.ai';

// C0 and C1 controls, soft hyphen, zero-width space, bidirectional marks, line and paragraph
// separators, the byte order mark and interlinear annotation characters.
const INVISIBLE_RE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/;
const hex = (codePoint: number, width: number) => codePoint.toString(16).toUpperCase().padStart(width, '0');
const isLoneSurrogate = (codePoint: number) => codePoint >= 0xd800 && codePoint <= 0xdfff;

/** A double-quoted literal: `\\`, `\"`, `\n`, `\r`, `\t` as such, other hidden characters by `escape`. */
function quote(text: string, escape: (codePoint: number) => string): string {
  let out = '"';
  // for…of walks code points; a lone surrogate comes out on its own.
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (INVISIBLE_RE.test(char) || isLoneSurrogate(codePoint)) out += escape(codePoint);
    else out += char;
  }
  return out + '"';
}

/** A TypeScript string literal that evaluates to `text`, lone surrogates included. */
export const tsString = (text: string): string => quote(text, (cp) => `\\u${hex(cp, 4)}`);

/** A Python 3 string literal that evaluates to `text`, lone surrogates included. */
export const pyString = (text: string): string => quote(text, (cp) => (cp <= 0xff ? `\\x${hex(cp, 2)}` : `\\u${hex(cp, 4)}`));

/** A Go interpreted string literal; Go strings cannot hold a lone surrogate, so it becomes U+FFFD. */
export const goString = (text: string): string => quote(text, (cp) => `\\u${hex(isLoneSurrogate(cp) ? 0xfffd : cp, 4)}`);

/** A POSIX shell word that passes `text` through unchanged: single quotes, `'` as `'\''`. */
export const shellWord = (text: string): string => `'${text.split("'").join(`'\\''`)}'`;

type Fields = { field: BodyField; value: string | number }[];

/** The set fields in the SDKs' order; a non-finite limit cannot be written in any language. */
function setFields(body: Partial<AuthKeysCodeRequestBody>): Fields {
  const fields: Fields = [];
  for (const field of SDK_BODY_ORDER) {
    const value = body[field];
    if (value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) continue;
    fields.push({ field, value });
  }
  return fields;
}

const customServer = (origin: string): string | undefined => {
  const base = new URL(origin).origin;
  return base === SDK_DEFAULT_ORIGIN ? undefined : `${base}/api/v1`;
};

export function typescriptSnippet(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): string {
  const server = customServer(origin);
  const value = ({ field, value }: Fields[number]) =>
    typeof value === 'number' ? String(value) : field === 'expiresAt' ? `new Date(${tsString(value)})` : tsString(value);
  const lines = [
    'import { OpenRouter } from "@openrouter/sdk";',
    '',
    'const openRouter = new OpenRouter({',
    '  apiKey: process.env.OPENROUTER_API_KEY,',
    ...(server ? [`  serverURL: ${tsString(server)},`] : []),
    '});',
    '',
    'const result = await openRouter.oAuth.createAuthCode({',
    ...(['httpReferer', 'appTitle', 'appCategories'] as const).flatMap((name) =>
      attribution[name] ? [`  ${name}: ${tsString(attribution[name])},`] : [],
    ),
    '  requestBody: {',
    ...setFields(body).map((entry) => `    ${entry.field}: ${value(entry)},`),
    '  },',
    '});',
    '',
    'console.log(result.data.id);',
  ];
  return lines.join('\n') + '\n';
}

const PYTHON_NAMES: Record<BodyField, string> = {
  callbackUrl: 'callback_url',
  codeChallenge: 'code_challenge',
  codeChallengeMethod: 'code_challenge_method',
  expiresAt: 'expires_at',
  keyLabel: 'key_label',
  limit: 'limit',
  usageLimitType: 'usage_limit_type',
  workspaceId: 'workspace_id',
};

export function pythonSnippet(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): string {
  const server = customServer(origin);
  const fields = setFields(body);
  const hasExpiry = fields.some(({ field }) => field === 'expiresAt');
  const value = ({ field, value }: Fields[number]) =>
    typeof value === 'number' ? String(value) : field === 'expiresAt' ? `parse_datetime(${pyString(value)})` : pyString(value);
  const client: [string, string | undefined][] = [
    ['http_referer', attribution.httpReferer],
    ['x_open_router_title', attribution.appTitle],
    ['x_open_router_categories', attribution.appCategories],
  ];
  const lines = [
    'from openrouter import OpenRouter',
    ...(hasExpiry ? ['from openrouter.utils import parse_datetime'] : []),
    'import os',
    '',
    'with OpenRouter(',
    ...client.flatMap(([name, text]) => (text ? [`    ${name}=${pyString(text)},`] : [])),
    '    api_key=os.getenv("OPENROUTER_API_KEY", ""),',
    ...(server ? [`    server_url=${pyString(server)},`] : []),
    ') as open_router:',
    '    res = open_router.o_auth.create_auth_code(',
    ...fields.map((entry) => `        ${PYTHON_NAMES[entry.field]}=${value(entry)},`),
    '    )',
    '    print(res.data.id)',
  ];
  return lines.join('\n') + '\n';
}

const GO_NAMES: Record<BodyField, string> = {
  callbackUrl: 'CallbackURL',
  codeChallenge: 'CodeChallenge',
  codeChallengeMethod: 'CodeChallengeMethod',
  expiresAt: 'ExpiresAt',
  keyLabel: 'KeyLabel',
  limit: 'Limit',
  usageLimitType: 'UsageLimitType',
  workspaceId: 'WorkspaceID',
};

const GO_ENUMS: Record<string, string> = {
  S256: 'operations.CreateAuthKeysCodeCodeChallengeMethodS256',
  plain: 'operations.CreateAuthKeysCodeCodeChallengeMethodPlain',
  daily: 'operations.UsageLimitTypeDaily',
  weekly: 'operations.UsageLimitTypeWeekly',
  monthly: 'operations.UsageLimitTypeMonthly',
};

function goValue({ field, value }: Fields[number]): string {
  if (typeof value === 'number') return `openrouter.Pointer[float64](${value})`;
  if (field === 'callbackUrl') return goString(value);
  if (field === 'expiresAt') return `optionalnullable.From(openrouter.Pointer(types.MustNewTimeFromString(${goString(value)})))`;
  const constant = (field === 'codeChallengeMethod' || field === 'usageLimitType') && Object.hasOwn(GO_ENUMS, value) ? GO_ENUMS[value] : undefined;
  return constant ? `${constant}.ToPointer()` : `openrouter.Pointer(${goString(value)})`;
}

/** gofmt's layout: tabs, sorted imports, and the values of a composite literal aligned. */
export function goSnippet(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): string {
  const server = customServer(origin);
  const fields = setFields(body);
  const hasExpiry = fields.some(({ field }) => field === 'expiresAt');
  const width = Math.max(...fields.map(({ field }) => GO_NAMES[field].length + 1), 0);
  const options = [
    'openrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY"))',
    ...(attribution.httpReferer ? [`openrouter.WithHTTPReferer(${goString(attribution.httpReferer)})`] : []),
    ...(attribution.appTitle ? [`openrouter.WithXTitle(${goString(attribution.appTitle)})`] : []),
    ...(server ? [`openrouter.WithServerURL(${goString(server)})`] : []),
  ];
  const lines = [
    'package main',
    '',
    'import (',
    '\t"context"',
    '\t"fmt"',
    '\t"log"',
    '\t"os"',
    '',
    '\topenrouter "github.com/OpenRouterTeam/go-sdk"',
    '\t"github.com/OpenRouterTeam/go-sdk/models/operations"',
    ...(hasExpiry ? ['\t"github.com/OpenRouterTeam/go-sdk/optionalnullable"', '\t"github.com/OpenRouterTeam/go-sdk/types"'] : []),
    ')',
    '',
    'func main() {',
    '\tctx := context.Background()',
    '',
    '\ts := openrouter.New(',
    ...options.map((option) => `\t\t${option},`),
    '\t)',
    ...(attribution.appCategories
      ? [`\t// The Go SDK has no option for ${ATTRIBUTION_HEADERS.appCategories} (${goString(attribution.appCategories)}); WithXTitle sends X-Title.`]
      : []),
    '',
    '\tres, err := s.OAuth.CreateAuthCode(ctx, operations.CreateAuthKeysCodeRequest{',
    ...fields.map((entry) => `\t\t${`${GO_NAMES[entry.field]}:`.padEnd(width + 1)}${goValue(entry)},`),
    '\t})',
    '\tif err != nil {',
    '\t\tlog.Fatal(err)',
    '\t}',
    '\tfmt.Println(res.Data.ID)',
    '}',
  ];
  return lines.join('\n') + '\n';
}

/** Keymint's JSON with hidden characters as `\uXXXX` escapes: the same JSON value, visible when pasted. */
const visibleJson = (json: string): string =>
  json.replace(new RegExp(INVISIBLE_RE.source, 'g'), (char) => `\\u${hex(char.charCodeAt(0), 4).toLowerCase()}`);

/** The request Keymint would send, with the key taken from the shell's environment. */
export function curlSnippet(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): string {
  const headers = [
    ['Content-Type', 'application/json'],
    ...(['httpReferer', 'appTitle', 'appCategories'] as const).flatMap((name) =>
      attribution[name] ? [[ATTRIBUTION_HEADERS[name], attribution[name]]] : [],
    ),
  ];
  const lines = [
    `curl ${shellWord(createCodeUrl(origin))}`,
    '  -H "Authorization: Bearer $OPENROUTER_API_KEY"',
    ...headers.map(([name, value]) => `  -H ${shellWord(`${name}: ${value}`)}`),
    `  --data-raw ${shellWord(visibleJson(JSON.stringify(toWireBody(body))))}`,
  ];
  return lines.join(' \\\n') + '\n';
}

/** Every snippet for one request. */
export function snippets(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): Record<SnippetLanguage, string> {
  return {
    typescript: typescriptSnippet(origin, body, attribution),
    python: pythonSnippet(origin, body, attribution),
    go: goSnippet(origin, body, attribution),
    curl: curlSnippet(origin, body, attribution),
  };
}
