import { createHash } from 'node:crypto';
import { build, defineConfig, loadEnv, runnerImport, type Plugin, type Rolldown } from 'vite';
import preact from '@preact/preset-vite';

const DEFAULT_OPENROUTER_URL = 'https://openrouter.ai';

/**
 * The Content-Security-Policy of the built page; its network peers are `<origin>/api/v1/` and its
 * own site ('self'), where it fetches the programs it shows as code (src/public/programs/).
 */
export function contentSecurityPolicy(openrouterOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self' ${openrouterOrigin}/api/v1/`,
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
      if (!html.includes("style-src 'self'")) throw new Error("the CSP must say style-src 'self' before the stylesheet is inlined");
      html = html.replace(link[0], () => `<style>${css}</style>`).replace("style-src 'self'", `style-src ${cspHash(css)}`);
      page.source = html;
      delete bundle[link[1]!];
    },
  };
}

/** `sha256-…` of a text, as the CSP names an inline script or style. */
const cspHash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * Puts the early script (src/early/early.ts, bundled and minified on its own) at the top of
 * `<head>`, allowed by its hash alone: it runs while the page parses, before the app's module is
 * there, so a first press is held instead of lost and a script that cannot load is explained.
 */
function earlyScript(): Plugin {
  let code = '';
  return {
    name: 'keymint-early-script',
    async buildStart() {
      const result = (await build({
        configFile: false,
        logLevel: 'error',
        build: { write: false, target: 'es2022', minify: true, lib: { entry: 'src/early/early.ts', formats: ['iife'], name: 'keymintEarly' } },
      })) as Rolldown.RolldownOutput[];
      code = result[0]!.output[0].code.trim();
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const script = `<script>${code}</script>`;
        const head = html.replace('</head>', () => `  ${script}\n  </head>`);
        // The dev server sends no CSP; in the build the CSP meta is there by now.
        return head.replace("script-src 'self'", `script-src 'self' ${cspHash(code)}`);
      },
    },
  };
}

/** Preact's automatic JSX runtime, also for the prerender, which runs outside this config. */
const PREACT_JSX = { oxc: { jsx: { runtime: 'automatic' as const, importSource: 'preact' } } };

/**
 * Fills `<main id="app">` with the first screen rendered at build time: the page paints complete
 * (no layout shift when the script renders), and the script's first render reuses the markup.
 * `siteUrl` is where the page will be served, when known: the prerendered callback URL; without it
 * the page shows no address until its script puts in the real one.
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

/** Where the built page will be served (KEYMINT_SITE_URL, such as the Pages URL): the prerendered callback URL. */
function siteUrlFrom(raw: string): string {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`KEYMINT_SITE_URL must be http(s): ${raw}`);
  return url.origin + url.pathname;
}

function openrouterOriginFrom(raw: string | undefined): string {
  const url = new URL(raw || DEFAULT_OPENROUTER_URL);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`VITE_OPENROUTER_URL must be http(s): ${raw}`);
  return url.origin;
}

/**
 * Property names that only this app's code and Preact's internals use, which Terser renames in the
 * build, as Preact's own build renames its internals: about 300 B gzip of the 24 KB guard. A name
 * belongs here only if it is never data (never a key of JSON, storage, a message or `Object.keys`,
 * never spelled in a string) and no DOM, ES or JSX type declares it, so no element can be given it;
 * a name left out is simply kept. `tests/build/dist.test.ts` holds the list to those rules and
 * checks the build renamed every name; the end-to-end suites run that build.
 */
export const RENAMED_PROPERTIES = {
  // Preact's class-component API: this app has only function components.
  preactClassApi: [
    ...['componentWillMount', 'componentDidMount', 'componentWillReceiveProps', 'shouldComponentUpdate', 'componentWillUpdate', 'componentDidUpdate'],
    ...['componentWillUnmount', 'componentDidCatch', 'getDerivedStateFromProps', 'getDerivedStateFromError', 'getSnapshotBeforeUpdate'],
    ...['getChildContext', 'defaultProps', 'debounceRendering', 'setState', 'forceUpdate'],
  ],
  // This app's own props, phase fields, table columns and component callbacks.
  own: [
    ...['appOrigin', 'authorizeUrl', 'bodyJson', 'codeLabel', 'embedOpen', 'fieldHelp', 'handedBack', 'keysPage', 'maskedLabel', 'maybeMinted'],
    ...['opaqueOrigin', 'opensAuth', 'ownTabUrl', 'pageUrl', 'parentOrigin', 'pasteProblem', 'popupBlocked', 'retryAfter', 'retryAfterSeconds'],
    ...['setKeep', 'setNote', 'setValues', 'submitNote', 'timeoutMs', 'unavailableWhen', 'unusualFormat'],
    ...['derived', 'drafting', 'failure', 'masked', 'renew', 'retryable', 'reveal', 'verdict'],
    ...['onForget', 'onKeep', 'onPasteMode', 'onRecheck', 'onRestart', 'onRetry', 'onValue'],
  ],
};

export default defineConfig(({ mode }) => {
  const env = { ...loadEnv(mode, process.cwd(), 'VITE_'), ...process.env };
  const origin = openrouterOriginFrom(env.VITE_OPENROUTER_URL);
  const define = { 'import.meta.env.VITE_OPENROUTER_URL': JSON.stringify(origin) };
  const siteUrl = env.KEYMINT_SITE_URL ? siteUrlFrom(env.KEYMINT_SITE_URL) : undefined;
  return {
    // Relative asset URLs: the same build works at a web root and under a sub-path such as
    // GitHub Pages project sites. KEYMINT_BASE overrides it with an absolute base path.
    base: env.KEYMINT_BASE || './',
    publicDir: 'src/public',
    plugins: [preact(), cspMeta(origin), prerender(siteUrl ?? '', define), earlyScript(), inlineStylesheet()],
    define,
    build: {
      target: 'es2022',
      // Browsers with light-dark() (2024 on): the stylesheet needs no fallback variables for it.
      cssTarget: ['chrome123', 'edge123', 'firefox120', 'safari17.5'],
      // Terser with three compress passes writes the app about 470 B gzip smaller than Vite's own
      // minifier (Oxc): room the 24 KB guard on all JS and CSS needs.
      minify: 'terser',
      terserOptions: {
        module: true,
        ecma: 2020,
        compress: { passes: 3 },
        mangle: { properties: { regex: new RegExp(`^(${Object.values(RENAMED_PROPERTIES).flat().join('|')})$`) } },
      },
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      outDir: env.KEYMINT_OUT_DIR || 'dist',
      emptyOutDir: true,
    },
  };
});
