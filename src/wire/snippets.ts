// Keymint's settings in the code it shows. Each program is a real source file served beside the page
// (src/public/programs/) with exactly one line marked @keymint-settings; the page puts a block with
// the form's settings in that line's place. The programs handle optional settings themselves, so the
// rest of a file is fixed text. One small writer per language makes the block, and a value only ever
// enters code through that language's literal, so no text of a value can become code and a line may
// hold any number of values. Invisible and direction-changing characters are written as escapes.
import { snakeCase, WIRE_NAMES, type AuthKeysCodeRequestBody } from './fields';
import { ATTRIBUTION_HEADERS, type Attribution, type AttributionField } from './create-code';
import { SDK_BODY_ORDER, toWireBody } from './request';

/** The programs that mint a key with the reader's own (mint.*), and the sign-in for an app (app.*). */
export type ProgramFile = 'mint.ts' | 'mint.py' | 'mint.go' | 'mint.sh' | 'app.ts' | 'app.py' | 'app.go';

/** What a settings block says: the body to ask for, the attribution to send, and the OpenRouter origin. */
export interface ProgramSettings {
  /** Scheme, host and port only, as OPENROUTER_ORIGIN. */
  origin: string;
  body: Partial<AuthKeysCodeRequestBody>;
  attribution?: Attribution;
}

/** Marks the one line of a program that the settings block replaces. */
export const SETTINGS_MARKER = '@keymint-settings';

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

/** A number or string literal (a JSON number is one in every language here). */
const literal = (value: string | number, go?: boolean): string => (typeof value == 'number' ? JSON.stringify(value) : stringLiteral(value, go));

type Entry = [name: string, value: string | number];

/**
 * The settings, named as the programs' own: OpenRouter's API when the origin is not openrouter.ai,
 * the attribution (not for an app, which sends none), then the body in the SDK's order, without the
 * challenge (every program makes its own) and with the method always. A program always has a
 * callback; an app without one uses OpenRouter's headless mode.
 */
function entries({ origin, body, attribution = {} }: ProgramSettings, app: boolean): Entry[] {
  const list: Entry[] = origin == 'https://openrouter.ai' ? [] : [['serverUrl', origin + '/api/v1']];
  if (!app) for (const option of Object.keys(ATTRIBUTION_HEADERS) as AttributionField[]) if (attribution[option]) list.push([option, attribution[option]]);
  for (const field of SDK_BODY_ORDER) {
    const value = body[field] ?? (field == 'codeChallengeMethod' ? 'S256' : field == 'callbackUrl' && !app ? '' : undefined);
    if (field != 'codeChallenge' && value !== undefined) list.push([field, value]);
  }
  return list;
}

/** The lines that take the marked line's place in `file`. */
export function settingsBlock(file: ProgramFile, settings: ProgramSettings): string[] {
  const list = entries(settings, file.startsWith('app'));
  const language = file.slice(-2);
  if (language == 'ts') return ['const settings: Settings = {', ...list.map(([name, value]) => `  ${name}: ${literal(value)},`), '};'];
  if (language == 'py') return ['SETTINGS = Settings(', ...list.map(([name, value]) => `    ${snakeCase(name)}=${literal(value)},`), ')'];
  if (language == 'go') {
    // gofmt's layout: the values in one column. Go's names only change case, so they are as long.
    const width = Math.max(...list.map(([name]) => name.length)) + 2;
    const field = (name: string) => `${name[0]!.toUpperCase()}${name.slice(1)}:`.replace(/^Http|Url:|Id:/, (part) => part.toUpperCase()).padEnd(width);
    return [
      'var settings = Settings{',
      ...list.map(([name, value]) => `\t${field(name)}${name == 'limit' ? `openrouter.Float64(${literal(value)})` : literal(value, true)},`),
      '}',
    ];
  }
  // bash: the body as JSON, the rest as variables.
  const body = list.filter(([name]) => name in WIRE_NAMES);
  return [
    ...list.filter(([name]) => !(name in WIRE_NAMES)).map(([name, value]) => `${snakeCase(name)}=${shellWord('' + value)}`),
    `body=${shellWord(visible(JSON.stringify(toWireBody(Object.fromEntries(body)))))}`,
  ];
}

/** The program `text` (the file `file`) with these settings in place of its one marked line. */
export function withSettings(file: ProgramFile, text: string, settings: ProgramSettings): string {
  const lines = text.split('\n');
  const marked = lines.flatMap((line, index) => (line.includes(SETTINGS_MARKER) ? [index] : []));
  if (marked.length != 1) throw new Error(`${file}: ${marked.length} ${SETTINGS_MARKER} lines`);
  lines.splice(marked[0]!, 1, ...settingsBlock(file, settings));
  return lines.join('\n');
}
