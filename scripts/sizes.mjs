// @ts-check
// Sizes of a built site as gzip -9 bytes, shared by the build test and the benchmark: every file,
// and the one budget the build must meet, all JS and CSS (the stylesheet inlined into index.html
// counts as CSS).
import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** All JS and CSS of the build, gzip -9, lazy chunks and the inlined stylesheet included. */
export const JS_CSS_BUDGET = 24 * 1024;

export const gzipBytes = (/** @type {Buffer | string} */ data) => gzipSync(data, { level: 9 }).length;

/** @param {string} root @param {string} [prefix] @returns {Promise<string[]>} posix paths relative to root */
async function listFiles(root, prefix = '') {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? listFiles(root, posix.join(prefix, e.name)) : Promise.resolve([posix.join(prefix, e.name)]))),
  );
  return nested.flat();
}

/** @typedef {'js' | 'css' | 'html' | 'other'} Kind */
const kindOf = (/** @type {string} */ file) =>
  /** @type {Kind} */ (/\.m?js$/.test(file) ? 'js' : /\.css$/.test(file) ? 'css' : /\.html?$/.test(file) ? 'html' : 'other');

/**
 * @typedef {{ file: string, kind: Kind, bytes: number, gzip: number }} SizedFile
 * @typedef {{ files: SizedFile[], html: { gzip: number, inlineCssGzip: number }, jsCss: { gzip: number, js: number, css: number } }} BuildSizes
 * @param {string} dir a built site, with its index.html
 * @returns {Promise<BuildSizes>}
 */
export async function measureBuild(dir) {
  const names = (await listFiles(dir)).sort();
  if (!names.includes('index.html')) throw new Error(`No index.html in ${dir}`);
  const files = await Promise.all(
    names.map(async (file) => {
      const body = await readFile(join(dir, file));
      return { file, kind: kindOf(file), bytes: body.length, gzip: gzipBytes(body) };
    }),
  );
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const inlineGzip = (/** @type {RegExp} */ tag) => [...html.matchAll(tag)].reduce((total, m) => total + gzipBytes(m[1] ?? ''), 0);
  const inlineCssGzip = inlineGzip(/<style>([\s\S]*?)<\/style>/g);
  // The early script, inlined into <head>, counts as JS.
  const inlineJsGzip = inlineGzip(/<script>([\s\S]*?)<\/script>/g);
  const sum = (/** @type {Kind} */ kind) => files.filter((f) => f.kind === kind).reduce((total, f) => total + f.gzip, 0);
  const js = sum('js') + inlineJsGzip;
  const css = sum('css') + inlineCssGzip;
  return { files, html: { gzip: sum('html'), inlineCssGzip }, jsCss: { gzip: js + css, js, css } };
}
