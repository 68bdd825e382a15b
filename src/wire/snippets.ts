// The same create-code request as code to copy, for OpenRouter's TypeScript, Python and Go SDKs
// and curl. The key always comes from OPENROUTER_API_KEY, never from the page. Each string value is
// escaped for its language; invisible and direction-changing characters are written as escapes, so
// what is pasted is what is seen.
import { WIRE_NAMES, type AuthKeysCodeRequestBody, type BodyField } from './fields';
import { buildCreateCodeRequest, type Attribution } from './create-code';
import { SDK_BODY_ORDER } from './request';

export type SnippetLanguage = 'typescript' | 'python' | 'go' | 'curl';

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

/**
 * The request body's lines for TypeScript and Python: one per field, in the SDK's order, the expiry
 * as `parseDate($expiresAt)` and any other field as `$field`.
 */
const bodyLines = (line: (field: BodyField, value: string) => string, parseDate: string): string =>
  SDK_BODY_ORDER.map((field) => line(field, field === 'expiresAt' ? `${parseDate}($expiresAt)` : `$${field}`)).join('\n');

/**
 * Each SDK's program. A `$name` is the value of that attribution option or body field as a literal
 * of the language (`$server`: a base URL other than the SDKs' default; `$expiry`: nothing, there
 * when an expiry is); a line naming a value that is not set is left out.
 */
const SDKS: Record<Exclude<SnippetLanguage, 'curl'>, string> = {
  typescript: `import { OpenRouter } from "@openrouter/sdk";

const openRouter = new OpenRouter({
  apiKey: process.env.OPENROUTER_API_KEY,
  serverURL: $server,
});

const result = await openRouter.oAuth.createAuthCode({
  httpReferer: $httpReferer,
  appTitle: $appTitle,
  appCategories: $appCategories,
  requestBody: {
${bodyLines((field, value) => `    ${field}: ${value},`, 'new Date')}
  },
});

console.log(result.data.id);
`,
  python: `from openrouter import OpenRouter
from openrouter.utils import parse_datetime$expiry
import os

with OpenRouter(
    http_referer=$httpReferer,
    x_open_router_title=$appTitle,
    x_open_router_categories=$appCategories,
    api_key=os.getenv("OPENROUTER_API_KEY", ""),
    server_url=$server,
) as open_router:
    res = open_router.o_auth.create_auth_code(
${bodyLines((field, value) => `        ${WIRE_NAMES[field]}=${value},`, 'parse_datetime')}
    )
    print(res.data.id)
`,
  // gofmt's layout: the struct's values are aligned below, once the lines are known.
  go: `package main

import (
\t"context"
\t"fmt"
\t"os"

\topenrouter "github.com/OpenRouterTeam/go-sdk"
\t"github.com/OpenRouterTeam/go-sdk/models/operations"
\t"github.com/OpenRouterTeam/go-sdk/optionalnullable"$expiry
\t"github.com/OpenRouterTeam/go-sdk/types"$expiry
)

func main() {
\ts := openrouter.New(
\t\topenrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY")),
\t\topenrouter.WithHTTPReferer($httpReferer),
\t\topenrouter.WithXTitle($appTitle),
\t\topenrouter.WithServerURL($server),
\t)
\t// The Go SDK has no option for X-OpenRouter-Categories ($appCategories); WithXTitle sends X-Title.

\tres, err := s.OAuth.CreateAuthCode(context.Background(), operations.CreateAuthKeysCodeRequest{
\t\tCallbackURL: $callbackUrl,
\t\tCodeChallenge: openrouter.Pointer($codeChallenge),
\t\tCodeChallengeMethod: operations.CreateAuthKeysCodeCodeChallengeMethod($codeChallengeMethod).ToPointer(),
\t\tExpiresAt: optionalnullable.From(openrouter.Pointer(types.MustNewTimeFromString($expiresAt))),
\t\tKeyLabel: openrouter.Pointer($keyLabel),
\t\tLimit: openrouter.Pointer[float64]($limit),
\t\tUsageLimitType: operations.UsageLimitType($usageLimitType).ToPointer(),
\t\tWorkspaceID: openrouter.Pointer($workspaceId),
\t})
\tif err != nil {
\t\tpanic(err)
\t}
\tfmt.Println(res.Data.ID)
}
`,
};

/** Every snippet for one request. */
export function snippets(origin: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution = {}): Record<SnippetLanguage, string> {
  const server = new URL(origin).origin;
  const raw: Record<string, string | number | undefined> = {
    ...body,
    ...attribution,
    server: server === 'https://openrouter.ai' ? undefined : `${server}/api/v1`,
  };
  const sdk = (language: keyof typeof SDKS): string => {
    // Each line names at most one value; without it, the line goes.
    const code = SDKS[language].replace(/^(.*)\$(\w+)(.*\n)/gm, (_, before: string, name: string, after: string) => {
      const value = raw[name === 'expiry' ? 'expiresAt' : name];
      if (value === undefined || value === '') return '';
      // The limit is the one number: checkLimit lets only finite ones through.
      return before + (name === 'expiry' ? '' : typeof value === 'number' ? value : stringLiteral(value, language === 'go')) + after;
    });
    const width = Math.max(...(code.match(/^\t\t\w+:/gm) ?? []).map((key) => key.length));
    return code.replace(/^(\t\t\w+:) /gm, (_, key: string) => key.padEnd(width + 1));
  };
  // curl: the request Keymint would send, with the key taken from the shell's environment.
  const request = buildCreateCodeRequest(origin, '$OPENROUTER_API_KEY', body, attribution);
  const curl = [
    `curl ${shellWord(request.url)}`,
    // Double quotes only around the one header that must expand the variable.
    ...Object.entries(request.headers).map(([name, value]) => `-H ${name === 'Authorization' ? `"${name}: ${value}"` : shellWord(`${name}: ${value}`)}`),
    `--data-raw ${shellWord(visible(request.body))}`,
  ];
  return { typescript: sdk('typescript'), python: sdk('python'), go: sdk('go'), curl: curl.join(' \\\n  ') + '\n' };
}
