// @ts-check
// Sizes of a build as gzip -9 bytes, and the "first visit" set read from the build itself:
// the scripts, stylesheets and modulepreloads that index.html names, plus every chunk those
// scripts import statically (and CSS @imports), followed transitively. Dynamic import() targets
// and rel=prefetch links are lazy. Nothing here knows Vite's file names.
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** @param {string} root @param {string} [prefix] @returns {Promise<string[]>} posix paths relative to root */
async function listFiles(root, prefix = '') {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(root, posix.join(prefix, e.name)) : Promise.resolve([posix.join(prefix, e.name)]))),
  );
  return nested.flat();
}

export const gzipBytes = (/** @type {Buffer | string} */ data) => gzipSync(data, { level: 9 }).length;

const kindOf = (/** @type {string} */ file) => (/\.m?js$/.test(file) ? 'js' : /\.css$/.test(file) ? 'css' : /\.html?$/.test(file) ? 'html' : 'other');

/** `<script>` and `<link>` tags of an HTML page with their attributes (comments removed). */
export function htmlReferences(/** @type {string} */ html) {
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  /** @type {Array<{ tag: string, attrs: Record<string, string> }>} */
  const tags = [];
  for (const match of text.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    /** @type {Record<string, string>} */
    const attrs = {};
    for (const a of (match[2] ?? '').matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attrs[(a[1] ?? '').toLowerCase()] = a[2] ?? a[3] ?? a[4] ?? '';
    }
    tags.push({ tag: (match[1] ?? '').toLowerCase(), attrs });
  }
  /** @type {string[]} */ const eager = [];
  /** @type {string[]} */ const lazy = [];
  for (const { tag, attrs } of tags) {
    if (tag === 'script') {
      if (attrs.src && !('nomodule' in attrs)) eager.push(attrs.src);
      continue;
    }
    const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
    if (!attrs.href) continue;
    if (rel.includes('stylesheet') || rel.includes('modulepreload') || (rel.includes('preload') && /^(script|style)$/.test(attrs.as ?? ''))) {
      eager.push(attrs.href);
    } else if (rel.includes('prefetch')) lazy.push(attrs.href);
  }
  return { eager, lazy };
}

/**
 * Every node of an ESTree-like AST.
 * @param {any} node
 * @returns {Generator<any>}
 */
function* walk(node) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) yield* walk(child);
    return;
  }
  if (typeof node.type === 'string') yield node;
  for (const key of Object.keys(node)) if (key !== 'parent') yield* walk(node[key]);
}

/**
 * Static and dynamic import specifiers of one JS chunk. Uses Vite's own parser (a real parse, so
 * "import" inside strings never counts); falls back to a pattern over minified output.
 * @returns {Promise<{ staticImports: string[], dynamicImports: string[], parser: string }>}
 */
export async function jsImports(/** @type {string} */ code) {
  try {
    const { parseAst } = await import('vite');
    const ast = parseAst(code);
    const staticImports = [];
    for (const node of ast.body) {
      if ((node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') && node.source) {
        staticImports.push(String(node.source.value));
      }
    }
    const dynamicImports = [];
    for (const node of walk(ast)) {
      if (node.type === 'ImportExpression' && node.source?.type === 'Literal' && typeof node.source.value === 'string') dynamicImports.push(node.source.value);
    }
    return { staticImports, dynamicImports, parser: 'vite parseAst' };
  } catch {
    const staticImports = [...code.matchAll(/(?:^|[;}\n])\s*(?:import|export)\s*(?:[\w$\s{},*]*?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1] ?? '');
    const dynamicImports = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1] ?? '');
    return { staticImports, dynamicImports, parser: 'pattern (parseAst unavailable)' };
  }
}

/** `@import` targets of a stylesheet. */
const cssImports = (/** @type {string} */ css) => [...css.matchAll(/@import\s+(?:url\(\s*)?["']?([^"')\s;]+)["']?\s*\)?/g)].map((m) => m[1] ?? '');

/**
 * Maps a URL as written in the build (relative, or absolute under any base path) to a file of it.
 * @param {Set<string>} files @param {string} from the referring file @param {string} ref
 */
export function resolveRef(files, from, ref) {
  if (/^(data:|blob:|https?:|\/\/)/i.test(ref)) return undefined;
  const path = new URL(ref, `http://build/${from}`).pathname.slice(1);
  const decoded = decodeURIComponent(path);
  // Absolute base paths (/keymint/assets/x.js): drop leading segments until a file matches.
  const parts = decoded.split('/');
  for (let i = 0; i < parts.length; i++) {
    const candidate = parts.slice(i).join('/');
    if (files.has(candidate)) return candidate;
  }
  return undefined;
}

/**
 * @param {string} dir a built site
 */
export async function measureBuild(dir) {
  const names = (await listFiles(dir)).sort();
  const fileSet = new Set(names);
  /** @type {Map<string, Buffer>} */
  const contents = new Map();
  for (const name of names) contents.set(name, await readFile(join(dir, name)));
  const files = names.map((name) => {
    const body = /** @type {Buffer} */ (contents.get(name));
    return { file: name, kind: kindOf(name), bytes: body.length, gzip: gzipBytes(body) };
  });
  const byName = new Map(files.map((f) => [f.file, f]));
  if (!fileSet.has('index.html')) throw new Error(`No index.html in ${dir}`);

  const html = String(contents.get('index.html'));
  const refs = htmlReferences(html);
  /** @type {string[]} */ const unresolved = [];
  /** @type {Set<string>} */ const eager = new Set();
  /** @type {Set<string>} */ const prefetch = new Set();
  /** @type {Map<string, string>} why each first-visit file is in the set */
  const reason = new Map();
  let parser = '';
  const queue = [];
  for (const ref of refs.eager) {
    const file = resolveRef(fileSet, 'index.html', ref);
    if (!file) unresolved.push(ref);
    else if (!eager.has(file)) {
      eager.add(file);
      reason.set(file, 'named in index.html');
      queue.push(file);
    }
  }
  for (const ref of refs.lazy) {
    const file = resolveRef(fileSet, 'index.html', ref);
    if (file) prefetch.add(file);
  }
  /** @type {Array<{ from: string, to: string }>} */
  const dynamicEdges = [];
  while (queue.length) {
    const file = /** @type {string} */ (queue.shift());
    const text = String(contents.get(file));
    /** @type {string[]} */
    let statics = [];
    if (kindOf(file) === 'js') {
      const found = await jsImports(text);
      parser = found.parser;
      statics = found.staticImports;
      for (const spec of found.dynamicImports) {
        const target = resolveRef(fileSet, file, spec);
        if (target) dynamicEdges.push({ from: file, to: target });
      }
    } else if (kindOf(file) === 'css') statics = cssImports(text);
    for (const spec of statics) {
      const target = resolveRef(fileSet, file, spec);
      if (!target) {
        unresolved.push(`${spec} (from ${file})`);
        continue;
      }
      if (eager.has(target)) continue;
      eager.add(target);
      reason.set(target, `imported by ${file}`);
      queue.push(target);
    }
  }

  const sum = (/** @type {Iterable<string>} */ list, /** @type {string[]} */ kinds) =>
    [...list].reduce((total, f) => total + (kinds.includes(byName.get(f)?.kind ?? '') ? (byName.get(f)?.gzip ?? 0) : 0), 0);
  const codeFiles = files.filter((f) => f.kind === 'js' || f.kind === 'css').map((f) => f.file);
  const firstVisitFiles = ['index.html', ...[...eager].filter((f) => f !== 'index.html')];
  // The stylesheet is inlined into index.html; it still counts as CSS in the total.
  const inlineCss = [...String(contents.get('index.html') ?? '').matchAll(/<style>([^<]*)<\/style>/g)].reduce((total, m) => total + gzipBytes(m[1] ?? ''), 0);
  const css = sum(codeFiles, ['css']) + inlineCss;
  return {
    files,
    html: { gzip: sum(['index.html'], ['html']), inlineCssGzip: inlineCss },
    allJsCss: { gzip: sum(codeFiles, ['js']) + css, js: sum(codeFiles, ['js']), css, files: codeFiles },
    firstVisitStatic: {
      method: `index.html <script src>, <link rel=stylesheet|modulepreload|preload>, then static import/export-from (${parser || 'no JS parsed'}) and CSS @import, transitively`,
      files: firstVisitFiles.map((f) => ({ file: f, gzip: byName.get(f)?.gzip ?? 0, why: f === 'index.html' ? 'the page' : reason.get(f) })),
      gzip: sum(firstVisitFiles, ['html', 'js', 'css']),
      jsCssGzip: sum(firstVisitFiles, ['js', 'css']),
      unresolved,
    },
    lazy: {
      files: codeFiles.filter((f) => !eager.has(f)).map((f) => ({ file: f, gzip: byName.get(f)?.gzip ?? 0 })),
      dynamicImports: dynamicEdges,
      prefetchLinks: [...prefetch],
    },
  };
}
