// The Python and Go code Keymint generates, for every variant of the settings: it parses
// (`python3 -m py_compile`, `gofmt -e`; gofmt also leaves it as it is) and every name it takes from
// OpenRouter's SDK is one the SDK's source declares (tests/snippets/sdk-names.ts, with the commit read).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnippets as snippets } from '../../src/wire/snippets';
import { checkNames, extractGo, extractPython } from '../snippets/check-names';
import { GO, PYTHON } from '../snippets/sdk-names';
import { variants } from '../snippets/variants';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keymint-snippets-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const ORIGINS = ['https://openrouter.ai', 'http://127.0.0.1:4010'];
const cases = ORIGINS.flatMap((origin) => variants().map((variant) => ({ ...variant, origin, all: snippets(origin, variant.body, variant.attribution) })));

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
  const file = (kind: string, ext: string) => join(dir, `${kind}-${name.replace(/\W+/g, '-')}-${origin.length}.${ext}`);

  it.each(['python', 'app-python'] as const)('%s compiles and uses only names python-sdk declares', async (kind) => {
    const path = file(kind, 'py');
    await writeFile(path, all[kind]);
    await tool('python3', ['-m', 'py_compile', path], 'Python 3 is needed');
    const found = await extractPython(path, 'openrouter');
    expect(found.missing, 'standard-library names').toEqual([]);
    const used = checkNames(found, PYTHON, (module) => (module.split('.')[0] === 'openrouter' ? 'openrouter' : undefined));
    expect(used).toContain('open_router.o_auth.exchange_auth_code_for_api_key(code_verifier=)');
    if (kind === 'python') expect(used).toContain('res.data.id');
  });

  it.each(['go', 'app-go'] as const)('%s parses, is gofmt-formatted, and uses only names go-sdk declares', async (kind) => {
    const path = file(kind, 'go');
    await writeFile(path, all[kind]);
    const { stdout } = await tool('gofmt', ['-e', '-l', path], "install Debian's golang-go");
    expect(stdout, 'gofmt would change it').toBe('');
    const found = await extractGo(path, dir);
    const used = checkNames(found, GO, (path) => (path.startsWith('github.com/OpenRouterTeam/go-sdk') ? path : undefined));
    expect(used).toContain('s.OAuth.ExchangeAuthCodeForAPIKey');
    if (kind === 'go') expect(used).toContain('res.Data.ID');
  });
});
