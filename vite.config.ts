import { createHash } from 'node:crypto';
import { defineConfig, loadEnv, runnerImport, type Plugin } from 'vite';
import preact from '@preact/preset-vite';

const DEFAULT_OPENROUTER_URL = 'https://openrouter.ai';

/**
 * The Content-Security-Policy of the built page; its only network peer is `<origin>/api/v1/`.
 * When the site's address is known, its `/robots.txt` is allowed too: Lighthouse's SEO audit
 * fetches that file from inside the page.
 */
export function contentSecurityPolicy(openrouterOrigin: string, siteUrl?: string): string {
  const robots = siteUrl ? ` ${new URL('/robots.txt', siteUrl).href}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${openrouterOrigin}/api/v1/${robots}`,
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
function cspMeta(openrouterOrigin: string, siteUrl: string | undefined): Plugin {
  return {
    name: 'keymint-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(openrouterOrigin, siteUrl)}" />`;
        const charset = /<meta charset="utf-8"\s*\/?>/i;
        if (!charset.test(html)) throw new Error('index.html must start its <head> with <meta charset="utf-8">');
        return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
      },
    },
  };
}

/**
 * Moves the stylesheet into the page as a `<style>` allowed by its hash alone (`style-src` then
 * names no origin at all). The first paint waits for one request fewer: on a slow mobile link
 * that is a round trip of the largest contentful paint.
 */
function inlineStylesheet(): Plugin {
  return {
    name: 'keymint-inline-stylesheet',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page?.type !== 'asset') throw new Error('index.html is missing from the build');
      let html = String(page.source);
      const link = /<link rel="stylesheet"[^>]*href="[^"]*?(assets\/[^"]+\.css)"[^>]*>/.exec(html);
      const sheet = link && bundle[link[1]!];
      if (!link || sheet?.type !== 'asset') throw new Error('index.html links no stylesheet of this build');
      const css = String(sheet.source).trim();
      const hash = createHash('sha256').update(css).digest('base64');
      if (!html.includes("style-src 'self'")) throw new Error("the CSP must say style-src 'self' before the stylesheet is inlined");
      html = html.replace(link[0], () => `<style>${css}</style>`).replace("style-src 'self'", `style-src 'sha256-${hash}'`);
      page.source = html;
      delete bundle[link[1]!];
    },
  };
}

/** Preact's automatic JSX runtime, also for the prerender, which runs outside this config. */
const PREACT_JSX = { oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } } };

/**
 * Fills `<main id="app">` with the first screen rendered at build time: the page paints complete
 * (no layout shift when the script renders), and the script's first render reuses the markup.
 * Values that depend on the visitor (the callback URL, the time zone) are corrected by that render;
 * `siteUrl` is where the page will be served, so the prerendered callback URL is right when known.
 */
function prerender(siteUrl: string, define: Record<string, string>): Plugin {
  return {
    name: 'keymint-prerender',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        const { module } = await runnerImport<typeof import('./src/prerender')>('./src/prerender.tsx', {
          configFile: false,
          logLevel: 'error',
          define,
          ...PREACT_JSX,
        });
        const root = '<main id="app">';
        if (!html.includes(root)) throw new Error(`index.html must contain ${root}`);
        return html.replace(root, root + module.prerenderApp(siteUrl));
      },
    },
  };
}

/**
 * Where the built page will be served (KEYMINT_SITE_URL, such as the Pages URL), for the prerendered
 * callback URL. Without it, a reserved `.invalid` address stands in until the script runs.
 */
function siteUrlFrom(raw: string | undefined): string {
  const url = new URL(raw || 'https://keymint.invalid/');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`KEYMINT_SITE_URL must be http(s): ${raw}`);
  return url.origin + url.pathname;
}

function openrouterOriginFrom(raw: string | undefined): string {
  const url = new URL(raw || DEFAULT_OPENROUTER_URL);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`VITE_OPENROUTER_URL must be http(s): ${raw}`);
  return url.origin;
}

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  const origin = openrouterOriginFrom(env.VITE_OPENROUTER_URL);
  const define = { 'import.meta.env.VITE_OPENROUTER_URL': JSON.stringify(origin) };
  return {
    // Relative asset URLs: the same build works at a web root and under a sub-path such as
    // GitHub Pages project sites. KEYMINT_BASE overrides it with an absolute base path.
    base: env.KEYMINT_BASE || './',
    publicDir: 'src/public',
    plugins: [
      preact(),
      cspMeta(origin, env.KEYMINT_SITE_URL ? siteUrlFrom(env.KEYMINT_SITE_URL) : undefined),
      prerender(siteUrlFrom(env.KEYMINT_SITE_URL), define),
      inlineStylesheet(),
    ],
    define,
    build: {
      target: 'es2022',
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      outDir: env.KEYMINT_OUT_DIR || 'dist',
      emptyOutDir: true,
    },
  };
});
