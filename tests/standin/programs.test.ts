// The TypeScript and bash programs Keymint shows, run for real against the OpenRouter stand-in, each
// as the page shows it (its file with the settings block put in by the page's own function): every
// variant of the settings is type-checked with `tsc --strict` against the installed @openrouter/sdk,
// then each program mints a key with a developer's key and prints it, the app module signs in
// through the stand-in's consent page, and the bash program (curl, openssl) runs in bash.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStandin } from '../../standin/openrouter.mjs';
import type { ProgramFile } from '../../src/wire/snippets';
import { ATTRIBUTION_HEADERS } from '../../src/wire/create-code';
import { programs, source } from '../snippets/programs';
import { inAWeek, variants, type Variant } from '../snippets/variants';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const KEY_RE = /^sk-or-v1-[0-9a-f]{64}$/;
/** A developer's key, the one the programs read from OPENROUTER_API_KEY. */
const DEVELOPER_KEY = `sk-or-v1-${'d'.repeat(64)}`;

const standin = createStandin();
let origin: string;
let dir: string;
const cases = variants(inAWeek()).map((variant, index) => ({ ...variant, index }));
const code = new Map<number, Record<ProgramFile, string>>();
let compiled: string;

const admin = async (path: string, body?: unknown) =>
  (await fetch(`${origin}/__standin/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) })).json();

beforeAll(async () => {
  origin = (await standin.listen(0)) as string;
  await admin('api-keys', { key: DEVELOPER_KEY });
  // The generated files sit beside a link to this project's node_modules, so they import the installed SDK.
  dir = await mkdtemp(join(tmpdir(), 'keymint-programs-'));
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  for (const variant of cases) {
    const all = programs(origin, variant);
    code.set(variant.index, all);
    await writeFile(join(dir, `program-${variant.index}.mts`), all['mint.ts']);
    await writeFile(join(dir, `app-${variant.index}.mts`), all['app.ts']);
    await writeFile(join(dir, `program-${variant.index}.sh`), all['mint.sh']);
  }
  const compilerOptions = {
    strict: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: ['node'],
    outDir: 'out',
    rootDir: '.',
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.mts'] }));
  compiled = await run(process.execPath, [tsc, '-p', dir], { cwd: dir }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout || String(error),
  );
}, 120_000);
afterAll(async () => {
  await standin.close();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a command with the developer's key in its environment; its output, trimmed. */
async function runWithKey(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, { cwd: dir, env: { ...process.env, OPENROUTER_API_KEY: DEVELOPER_KEY }, timeout: 30_000 });
  return stdout.trim();
}

type KeyRecord = Record<'key_label' | 'usage_limit_type' | 'expires_at' | 'workspace_id' | 'via', string | null> & { limit: number | null };

/** The stand-in's record of `key`, which must exist and carry exactly what the variant asked for. */
async function expectMinted(key: string, { body }: Variant, via: string) {
  expect(key).toMatch(KEY_RE);
  const record = ((await admin('keys')) as Record<string, KeyRecord>)[key];
  expect(record, 'the stand-in minted this key').toBeDefined();
  expect(record!.via).toBe(via);
  expect(record!.key_label).toBe(body.keyLabel ?? null);
  expect(record!.limit).toBe(body.limit ?? null);
  expect(record!.usage_limit_type).toBe(body.usageLimitType ?? null);
  expect(record!.workspace_id).toBe(body.workspaceId?.toLowerCase() ?? null);
  expect(record!.expires_at && Date.parse(record!.expires_at)).toBe(body.expiresAt ? Date.parse(body.expiresAt) : null);
}

/** The attribution headers the last create-code request carried. */
async function lastCodeRequestHeaders(): Promise<Record<string, string>> {
  const log = (await admin('log')) as { path: string; method: string; headers: Record<string, string> }[];
  return log.filter((entry) => entry.path === '/api/v1/auth/keys/code' && entry.method === 'POST').at(-1)!.headers;
}

it('type-checks every TypeScript program and app module with tsc --strict against the installed @openrouter/sdk', async () => {
  expect(compiled).toBe('');
  const installed = JSON.parse(await readFile(join(root, 'node_modules/@openrouter/sdk/package.json'), 'utf8')) as { version: string };
  for (const file of ['mint.ts', 'app.ts'] as const) expect(source(file)).toContain(`Checked against @openrouter/sdk ${installed.version}.`);
});

describe.each(cases)('$name', (variant) => {
  const { index, attribution } = variant;
  const sentHeaders = async () => {
    const headers = await lastCodeRequestHeaders();
    for (const [option, header] of Object.entries(ATTRIBUTION_HEADERS)) {
      expect(headers[header.toLowerCase()], header).toBe(attribution[option as keyof typeof attribution]);
    }
  };

  it('the TypeScript program mints a key and prints it', async () => {
    expect(compiled).toBe('');
    const key = await runWithKey(process.execPath, [join('out', `program-${index}.mjs`)]);
    await expectMinted(key, variant, 'code');
    await sentHeaders();
  });

  it('the bash program (curl, openssl) mints a key and prints it', async () => {
    const key = await runWithKey('bash', [`program-${index}.sh`]);
    await expectMinted(key, variant, 'code');
    await sentHeaders();
  });

  it("the app module's startSignIn and finishSignIn sign in through the consent page and give the key", async () => {
    expect(compiled).toBe('');
    const driver = join(dir, `drive-${index}.mjs`);
    await writeFile(
      driver,
      `import { startSignIn, finishSignIn } from './out/app-${index}.mjs';
const { url, codeVerifier } = await startSignIn();
if (!url.startsWith(${JSON.stringify(origin + '/auth?')})) throw new Error('not the stand-in: ' + url);
const page = await (await fetch(url)).text();
const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
if (!request) throw new Error(page);
const answer = await fetch(${JSON.stringify(origin + '/auth/decision')}, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ request, decision: 'approve' }),
  redirect: 'manual',
});
const code = new URL(answer.headers.get('location')).searchParams.get('code');
console.log(await finishSignIn(code, codeVerifier));
`,
    );
    const key = await runWithKey(process.execPath, [driver]);
    await expectMinted(key, variant, 'redirect');
  });

  it("uses no challenge but the program's own", () => {
    for (const text of Object.values(code.get(index)!)) expect(text).not.toContain('KEYMINTS-OWN-CHALLENGE');
  });
});
