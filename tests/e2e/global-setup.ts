// Builds Keymint against a fresh OpenRouter stand-in and serves the build under a sub-path, the
// way GitHub Pages serves a project site. Test files reach both through inject().
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createStandin } from '../../standin/openrouter.mjs';
import { buildKeymint } from '../../scripts/build-for.mjs';
import { createStaticServer } from '../../scripts/static-server.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    standinUrl: string;
    appUrl: string;
  }
}

export const APP_BASE = '/tools/keymint/';

export default async function setup(project: TestProject) {
  const standin = createStandin();
  const standinUrl = (await standin.listen(0)) as string;
  const outDir = await mkdtemp(join(tmpdir(), 'keymint-e2e-'));
  await buildKeymint({ openrouterUrl: standinUrl, outDir });
  const app = createStaticServer({ root: outDir, basePath: APP_BASE });
  const appUrl = await app.listen(0);
  project.provide('standinUrl', standinUrl);
  project.provide('appUrl', appUrl);
  return async () => {
    await Promise.all([app.close(), standin.close()]);
    await rm(outDir, { recursive: true, force: true });
  };
}
