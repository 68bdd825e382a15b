// The Python and Go programs Keymint shows, for every variant of the settings, each as the page shows
// it (its file with the settings block put in by the page's own function), and each file as it is:
// it parses (`python3 -m py_compile`, `gofmt -e`; gofmt also leaves it as it is) and every name it
// takes from OpenRouter's SDK is one the SDK's source declares (tests/snippets/sdk-names.ts, with the
// commit read).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramFile } from '../../src/wire/snippets';
import { checkNames, extractGo, extractPython } from '../snippets/check-names';
import { GO, PYTHON } from '../snippets/sdk-names';
import { programs, source } from '../snippets/programs';
import { variants } from '../snippets/variants';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keymint-snippets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ORIGINS = ['https://openrouter.ai', 'http://127.0.0.1:4010'];
type Files = Partial<Record<ProgramFile, string>>;
const cases: { name: string; origin: string; all: Files }[] = [
  ...ORIGINS.flatMap((origin) => variants().map((variant) => ({ name: variant.name, origin, all: programs(origin, variant) as Files }))),
  // The files themselves, with their own example settings.
  {
    name: 'the file as served',
    origin: 'none',
    all: Object.fromEntries((['mint.py', 'app.py', 'mint.go', 'app.go'] as const).map((file) => [file, source(file)])),
  },
];
/** Where a Python import path belongs in the SDK: its longest module that `path` is or is inside of. */
const pythonModule = (path: string) =>
  Object.keys(PYTHON.modules)
    .filter((module) => path === module || path.startsWith(module + '.'))
    .sort((a, b) => b.length - a.length)[0];

/** Runs a tool, failing with a message that names what to install when it is missing. */
async function tool(command: string, args: string[], install: string) {
  try {
    return await run(command, args);
  } catch (error) {
    const { code, stderr } = error as { code?: string; stderr?: string };
    if (code === 'ENOENT') throw new Error(`${command} is not installed: ${install}`);
    throw new Error(`${command} ${args.join(' ')} failed:\n${stderr}`);
  }
}

describe.each(cases)('$name, origin $origin', ({ name, origin, all }) => {
  const file = (kind: string, ext: string) => join(dir, `${kind.replace('.', '-')}-${name.replace(/\W+/g, '-')}-${origin.length}.${ext}`);

  it.each(['mint.py', 'app.py'] as const)('%s compiles and uses only names python-sdk declares', async (kind) => {
    const path = file(kind, 'py');
    await writeFile(path, all[kind]!);
    await tool('python3', ['-m', 'py_compile', path], 'Python 3 is needed');
    const found = await extractPython(path, 'openrouter');
    expect(found.missing, 'standard-library names').toEqual([]);
    const used = checkNames(found, PYTHON, pythonModule);
    expect(used).toContain('open_router.o_auth.exchange_auth_code_for_api_key(code_verifier=)');
    if (kind === 'mint.py')
      expect(used).toEqual(expect.arrayContaining(['res.data.id', 'openrouter.types.UNSET', 'open_router.o_auth.create_auth_code(expires_at=)']));
  });

  it.each(['mint.go', 'app.go'] as const)('%s parses, is gofmt-formatted, and uses only names go-sdk declares', async (kind) => {
    const path = file(kind, 'go');
    await writeFile(path, all[kind]!);
    const { stdout } = await tool('gofmt', ['-e', '-l', path], "install Debian's golang-go");
    expect(stdout, 'gofmt would change it').toBe('');
    const found = await extractGo(path, dir);
    const used = checkNames(found, GO, (path) => (path.startsWith('github.com/OpenRouterTeam/go-sdk') ? path : undefined));
    expect(used).toContain('s.OAuth.ExchangeAuthCodeForAPIKey');
    if (kind === 'mint.go') expect(used).toEqual(expect.arrayContaining(['res.Data.ID', 'request.ExpiresAt', 'operations.WithSetHeaders']));
  });
});
