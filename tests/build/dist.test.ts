// Static checks on a production build: the size budget, the CSP and referrer policy in the page,
// relative asset paths, and nothing in the output that points anywhere but OpenRouter.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKeymint } from '../../scripts/build-for.mjs';
import { JS_CSS_BUDGET, measureBuild } from '../../scripts/sizes.mjs';
import { contentSecurityPolicy, RENAMED_PROPERTIES } from '../../vite.config';

let dir: string;
let files: Map<string, string>;

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? listFiles(root, join(prefix, e.name)) : Promise.resolve([join(prefix, e.name)]))));
  return nested.flat();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'keymint-dist-'));
  await buildKeymint({ outDir: dir });
  files = new Map();
  for (const file of await listFiles(dir)) files.set(file, await readFile(join(dir, file), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const html = () => files.get('index.html')!;
/** The early script, inlined into the page's head. */
const earlyScript = () => /<script>([\s\S]*?)<\/script>/.exec(html())?.[1] ?? '';
/** The stylesheet, inlined into the page; it may hold `<` (the minifier writes `@media (width<=30rem)`). */
const inlineCss = () => /<style>([\s\S]*?)<\/style>/.exec(html())?.[1] ?? '';

describe('the production build', () => {
  it(`keeps all JS and CSS within ${JS_CSS_BUDGET} bytes gzip`, async () => {
    const code = [...files].filter(([name]) => /\.(js|css)$/.test(name));
    expect(code.length).toBeGreaterThanOrEqual(1);
    expect(inlineCss().length).toBeGreaterThan(500);
    // The stylesheet lives inside index.html now; it still counts as CSS (the shared measure, also the benchmark's).
    expect((await measureBuild(dir)).jsCss.gzip).toBeLessThanOrEqual(JS_CSS_BUDGET);
  });

  it('loads the whole app as one module script from the page, with no further chunk to wait for', () => {
    const scripts = [...html().matchAll(/<script type="module" crossorigin src="\.\/([^"]+\.js)"><\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect([...files.keys()].filter((name) => name.endsWith('.js'))).toEqual(scripts);
    // No chunk loaded later: nothing waits for a first interaction or a second request.
    expect(files.get(scripts[0]!)).not.toMatch(/\bimport\(\s*["'`]\.\//);
    expect(inlineCss(), 'the stylesheet comes with the page').toContain(':root');
  });

  it('puts a strict Content-Security-Policy right after <meta charset>', () => {
    const head = html().replace(/\s+/g, ' ');
    const match = /<meta charset="utf-8" ?\/?> <meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(head);
    expect(match, 'CSP meta directly after charset').not.toBeNull();
    const directives = new Map(
      match![1]!
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    // The app's script from this site, and the one inline early script by its hash.
    expect(directives.get('script-src')).toEqual(["'self'", `'sha256-${createHash('sha256').update(earlyScript()).digest('base64')}'`]);
    // The one inline stylesheet, by its hash; no origin may add styles.
    expect(directives.get('style-src')).toEqual([`'sha256-${createHash('sha256').update(inlineCss()).digest('base64')}'`]);
    // Its own site for the programs it shows as code, and OpenRouter's API.
    expect(directives.get('connect-src')).toEqual(["'self'", 'https://openrouter.ai/api/v1/']);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('require-trusted-types-for')).toEqual(["'script'"]);
    expect(directives.get('trusted-types')).toEqual(["'none'"]);
    expect(match![1]).not.toMatch(/unsafe-inline|unsafe-eval|frame-ancestors|report-uri|sandbox/);
    expect(head).toContain('<meta name="referrer" content="no-referrer"');
  });

  it('has one inline script (the early one), no style attribute or event-handler attribute, and one stylesheet', () => {
    const page = html();
    expect(page.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toEqual(['<script>']);
    expect(earlyScript()).toContain('keymint-ready');
    expect(page.match(/<style/g)).toHaveLength(1);
    expect(page).not.toMatch(/<link[^>]*stylesheet/);
    // Inside tags only: the embed panel's snippet shows `style="border:0"` as escaped text.
    expect(page).not.toMatch(/<[^>]*\s(on\w+|style)=/i);
  });

  it('loads its assets by relative paths, so it works at a web root and under a sub-path', () => {
    const refs = [...html().matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const ref of refs) expect(ref.startsWith('./'), ref).toBe(true);
  });

  it('names no host but OpenRouter and runs no eval', () => {
    for (const [name, text] of files) {
      if (!/\.(js|css|html)$/.test(name)) continue;
      // The callback validator names localhost as a word; no loopback address may appear as a URL.
      expect(/https?:\/\/(localhost|127\.|\[::1\])|standin/i.exec(text)?.[0], name).toBeUndefined();
      expect(/\beval\(|\bFunction\(/.exec(text)?.[0], name).toBeUndefined();
      const hosts = [...text.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)].map((m) => m[1]!.toLowerCase());
      const allowed = (h: string) => h === 'openrouter.ai' || h.endsWith('w3.org');
      expect(
        hosts.filter((h) => !allowed(h)),
        name,
      ).toEqual([]);
    }
  });

  it('renames every listed property name: none is left in the app’s script', () => {
    const script = [...files].find(([name]) => name.endsWith('.js'))![1];
    const left = Object.values(RENAMED_PROPERTIES)
      .flat()
      .filter((name) => new RegExp(`\\b${name}\\b`).test(script));
    expect(left).toEqual([]);
  });

  it('carries no code of the official SDK, which is a dev dependency for the parity test only', () => {
    for (const [name, text] of files) {
      if (!name.endsWith('.js')) continue;
      // Markers of the generated SDK and its zod schemas; Keymint's own snippets only name the package.
      expect(/speakeasy|\$outboundSchema|\$inboundSchema|zod/i.exec(text)?.[0], name).toBeUndefined();
    }
  });
});

describe('the CSP', () => {
  it('names the same peers whatever address the page is built for: OpenRouter’s API and the page’s own site', () => {
    expect(contentSecurityPolicy('https://openrouter.ai')).toContain("connect-src 'self' https://openrouter.ai/api/v1/;");
  });
});

/** Every file under `dir` (relative path and text) whose name matches `pattern`. */
async function textsUnder(dir: string, pattern: RegExp): Promise<[string, string][]> {
  const names = (await listFiles(dir)).filter((name) => pattern.test(name));
  return Promise.all(names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')] as [string, string]));
}

describe('the property names the build renames (RENAMED_PROPERTIES in vite.config.ts)', () => {
  const own = RENAMED_PROPERTIES.own;
  const all = Object.values(RENAMED_PROPERTIES).flat();
  /** `name` declared as a property or method (`name:`, `name?:`, `name(`, `name<`) in these type declarations. */
  const declared = (types: string, name: string) => new RegExp(`\\b${name}\\??[:(<]`).test(types);

  it('holds no name the DOM, ES or worker types declare: the browser never reads them', async () => {
    const typescript = join('node_modules', '@typescript');
    const platform = (await readdir(typescript)).find((name) => name.startsWith('typescript-'));
    expect(platform, 'TypeScript’s platform package with its lib files').toBeDefined();
    const libs = await textsUnder(join(typescript, platform!, 'lib'), /^lib\.(dom|es|webworker|decorators).*\.d\.ts$/);
    expect(libs.length).toBeGreaterThan(20);
    const types = libs.map(([, text]) => text).join('\n');
    expect(declared(types, 'addEventListener'), 'the check finds what the libs declare').toBe(true);
    expect(all.filter((name) => declared(types, name))).toEqual([]);
  });

  it('holds none of this app’s names that Preact’s JSX types declare: no element can be given one', async () => {
    const jsx = await readFile(join('node_modules', 'preact', 'src', 'jsx.d.ts'), 'utf8');
    expect(declared(jsx, 'onClick')).toBe(true);
    expect(own.filter((name) => declared(jsx, name))).toEqual([]);
  });

  it('holds no name spelled in a string, nor any name the programs use: none is data', async () => {
    const sources = await textsUnder('src', /\.(ts|tsx)$/);
    const programs = await textsUnder(join('src', 'public', 'programs'), /./);
    expect(sources.length).toBeGreaterThan(30);
    const spelled = all.flatMap((name) => [
      ...sources.filter(([, text]) => new RegExp(`(['"])${name}\\1`).test(text)).map(([file]) => `${name} in ${file}`),
      ...programs.filter(([, text]) => new RegExp(`\\b${name}\\b`).test(text)).map(([file]) => `${name} in programs/${file}`),
    ]);
    expect(spelled).toEqual([]);
  });
});
