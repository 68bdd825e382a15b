// Keymint's settings in the code it shows. Each program is a real source file served beside the page
// (src/public/programs/) with exactly one line marked @keymint-settings; the page puts a block with
// the form's settings in that line's place. The programs handle optional settings themselves, so the
// rest of a file is fixed text. The block is the settings as JSON, which each program reads itself
// (bash: the body as JSON in a shell word, the rest as variables), so a value only ever enters code
// as a JSON string or number, and no text of a value can become code. Invisible and
// direction-changing characters are written as escapes.
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
// byte order mark and interlinear annotation characters. And the backquote, which would end Go's
// raw string.
const HIDDEN_RE = /[`\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** JSON text with hidden characters as `\uxxxx` escapes: the same value, visible when pasted. */
const visible = (json: string): string => json.replace(HIDDEN_RE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A POSIX shell word that passes `text` through unchanged: single quotes, `'` as `'\''`. */
export const shellWord = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

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

/**
 * The lines that take the marked line's place in `file`: the settings as one JSON object (Python's
 * names in snake_case), which TypeScript and Python read as an object literal and Go decodes from a
 * raw string; bash gets the body as JSON in one shell word and the rest as variables.
 */
export function settingsBlock(file: ProgramFile, settings: ProgramSettings): string[] {
  const list = entries(settings, file.startsWith('app'));
  const language = file.slice(-2);
  const json = (object: object, indent?: number) => visible(JSON.stringify(object, null, indent));
  if (language == 'sh')
    return [
      ...list.filter(([name]) => !(name in WIRE_NAMES)).map(([name, value]) => `${snakeCase(name)}=${shellWord('' + value)}`),
      `body=${shellWord(json(toWireBody(Object.fromEntries(list.filter(([name]) => name in WIRE_NAMES)))))}`,
    ];
  const block = json(Object.fromEntries(list.map(([name, value]) => [language == 'py' ? snakeCase(name) : name, value])), 2);
  return (
    language == 'ts' ? `const settings: Settings = ${block};` : language == 'py' ? `SETTINGS = Settings(**${block})` : `var settings = load(\`${block}\`)`
  ).split('\n');
}

/** The program `text` (the file `file`) with these settings in place of its one marked line. */
export function withSettings(file: ProgramFile, text: string, settings: ProgramSettings): string {
  const lines = text.split('\n');
  const marked = lines.flatMap((line, index) => (line.includes(SETTINGS_MARKER) ? [index] : []));
  if (marked.length != 1) throw new Error(`${file}: ${marked.length} ${SETTINGS_MARKER} lines`);
  lines.splice(marked[0]!, 1, ...settingsBlock(file, settings));
  return lines.join('\n');
}
