// @ts-check
// Builds Keymint against a given OpenRouter origin into a given folder, through Vite's API.
// `siteUrl`: where the build will be served (KEYMINT_SITE_URL), when known.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{ openrouterUrl?: string, outDir: string, base?: string, siteUrl?: string }} options
 */
export async function buildKeymint({ openrouterUrl, outDir, base, siteUrl }) {
  const saved = {
    url: process.env.VITE_OPENROUTER_URL,
    out: process.env.KEYMINT_OUT_DIR,
    base: process.env.KEYMINT_BASE,
    site: process.env.KEYMINT_SITE_URL,
    env: process.env.NODE_ENV,
  };
  const set = (/** @type {string} */ name, /** @type {string | undefined} */ value) => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  set('VITE_OPENROUTER_URL', openrouterUrl);
  set('KEYMINT_OUT_DIR', outDir);
  set('KEYMINT_BASE', base);
  set('KEYMINT_SITE_URL', siteUrl);
  // Test runners set NODE_ENV=test, which would give a development build.
  set('NODE_ENV', 'production');
  try {
    // Warnings only; not the bundler's report of slow plugins (Terser takes seconds by design).
    await build({
      root,
      mode: 'production',
      logLevel: 'warn',
      configFile: `${root}/vite.config.ts`,
      build: { rolldownOptions: { checks: { bundlerTimings: false } } },
    });
  } finally {
    set('VITE_OPENROUTER_URL', saved.url);
    set('KEYMINT_OUT_DIR', saved.out);
    set('KEYMINT_BASE', saved.base);
    set('KEYMINT_SITE_URL', saved.site);
    set('NODE_ENV', saved.env);
  }
  return outDir;
}
