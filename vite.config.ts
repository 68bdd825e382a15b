import { defineConfig, loadEnv, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

const DEFAULT_OPENROUTER_URL = 'https://openrouter.ai';

/** The Content-Security-Policy of the built page; its only network peer is `<origin>/api/v1/`. */
export function contentSecurityPolicy(openrouterOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${openrouterOrigin}/api/v1/`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "require-trusted-types-for 'script'",
    "trusted-types 'none'",
  ].join('; ');
}

/** Puts the CSP `<meta>` right after `<meta charset>` in the build only; the dev server needs inline scripts. */
function cspMeta(openrouterOrigin: string): Plugin {
  return {
    name: 'keymint-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(openrouterOrigin)}" />`;
        const charset = /<meta charset="utf-8"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html must start its <head> with <meta charset="utf-8">');
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

/**
 * Vite wraps every dynamic import in a helper that preloads the chunk's dependencies and CSS.
 * Lazy chunks here import only the entry chunk, which is already loaded, and no CSS, so the
 * 1 KB helper buys nothing: it becomes a plain call.
 */
function plainDynamicImports(): Plugin {
  return {
    name: 'keymint-plain-dynamic-imports',
    enforce: 'pre',
    apply: 'build',
    load: (id) => (id === '\0vite/preload-helper.js' ? 'export const __vitePreload = (load) => load();' : undefined),
  };
}

function openrouterOriginFrom(raw: string | undefined): string {
  const url = new URL(raw || DEFAULT_OPENROUTER_URL);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`VITE_OPENROUTER_URL must be http(s): ${raw}`);
  return url.origin;
}

/**
 * Modules loaded only on demand (minting with a key, the applied-settings check, the embed panel,
 * the prefill parser). Everything else goes into the one entry chunk: a module shared with a lazy
 * chunk would otherwise become a chunk of its own, and many small chunks gzip worse than one.
 */
const LAZY = /\/src\/(ui\/(key-mode|KeyFields|RequestView|EmbedPanel)\.tsx|wire\/(create-code|snippets|key-info|key-links)\.ts|flow\/(create-code|key-check|key-info|key-hash)\.ts|link\/(embed|prefill)\.ts)$/;

function firstVisitChunk(id: string): string | undefined {
  return LAZY.test(id) ? undefined : 'index';
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  const origin = openrouterOriginFrom(env.VITE_OPENROUTER_URL);
  return {
    // Relative asset URLs: the same build works at a web root and under a sub-path such as
    // GitHub Pages project sites. KEYMINT_BASE overrides it with an absolute base path.
    base: env.KEYMINT_BASE || './',
    publicDir: 'src/public',
    plugins: [
      preact(),
      // Classic `h(type, props, ...children)` calls: smaller output than the automatic runtime,
      // and no separate jsx-runtime module in the bundle.
      { name: 'keymint-classic-jsx', config: () => ({ oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' } } }) },
      cspMeta(origin),
      plainDynamicImports(),
    ],
    define: { 'import.meta.env.VITE_OPENROUTER_URL': JSON.stringify(origin) },
    build: {
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      // Terser with extra passes packs this bundle a little tighter than the default minifier;
      // every byte counts against the size budget.
      minify: 'terser',
      terserOptions: { module: true, compress: { passes: 3 }, format: { comments: false } },
      outDir: env.KEYMINT_OUT_DIR || 'dist',
      emptyOutDir: true,
      rollupOptions: { output: { manualChunks: firstVisitChunk } },
    },
  };
});
