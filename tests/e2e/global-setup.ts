// Builds Keymint against a fresh OpenRouter stand-in and serves the build under a sub-path, the
// way GitHub Pages serves a project site. Test files reach both through inject().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createStandin } from '../../standin/openrouter.mjs';
import { buildKeymint } from '../../scripts/build-for.mjs';
import { createStaticServer } from '../../scripts/static-server.mjs';
import { createDocsHost } from './docs-host';

declare module 'vitest' {
  export interface ProvidedContext {
    standinUrl: string;
    appUrl: string;
    docsUrl: string;
    /** The same build served as GitHub Pages serves it (`Cache-Control: max-age=600`, gzip), on another origin. */
    pagesUrl: string;
    /** The same build from a host that sends no CORS header, as most self-hosted servers. */
    plainUrl: string;
  }
}

export const APP_BASE = '/tools/keymint/';

export default async function setup(project: TestProject) {
  const standin = createStandin();
  const standinUrl = (await standin.listen(0)) as string;
  const outDir = await mkdtemp(join(tmpdir(), 'keymint-e2e-'));
  await buildKeymint({ openrouterUrl: standinUrl, outDir });
  // GitHub Pages answers every file with Access-Control-Allow-Origin: *, which lets a frame sandboxed
  // without allow-same-origin (opaque origin) still load its module scripts.
  const app = createStaticServer({ root: outDir, basePath: APP_BASE, headers: () => ({ 'Access-Control-Allow-Origin': '*' }) });
  const appUrl = await app.listen(0);
  // The test server's no-store keeps a page out of the back/forward cache; readers get max-age.
  const pages = createStaticServer({ root: outDir, basePath: APP_BASE, pages: true });
  project.provide('standinUrl', standinUrl);
  project.provide('appUrl', appUrl);
  project.provide('pagesUrl', await pages.listen(0));
  const plain = createStaticServer({ root: outDir, basePath: APP_BASE });
  project.provide('plainUrl', await plain.listen(0));
  const docs = createDocsHost();
  project.provide('docsUrl', await docs.listen());
  return async () => {
    await Promise.all([app.close(), pages.close(), plain.close(), standin.close(), docs.close()]);
    await rm(outDir, { recursive: true, force: true });
  };
}
