// @ts-check
// The offline demo: builds Keymint against the local OpenRouter stand-in, serves both on
// loopback and prints the address to open. No account and no network needed.
import { fileURLToPath } from 'node:url';
import { createStandin } from '../standin/openrouter.mjs';
import { buildKeymint } from './build-for.mjs';
import { createStaticServer } from './static-server.mjs';

const standinPort = Number(process.env.STANDIN_PORT ?? 4010);
const appPort = Number(process.env.DEMO_PORT ?? 4173);
const outDir = fileURLToPath(new URL('../dist-demo', import.meta.url));

/** Listens or explains which variable picks another port. */
async function listenOrExit(/** @type {{ listen(port: number): Promise<string> }} */ server, /** @type {number} */ port, /** @type {string} */ variable) {
  try {
    return await server.listen(port);
  } catch (error) {
    console.error(`Port ${port} is busy; set ${variable} to another port. (${String(error)})`);
    process.exit(1);
  }
}

const standin = createStandin();
const standinUrl = await listenOrExit(standin, standinPort, 'STANDIN_PORT');
console.log(`Building Keymint against the stand-in at ${standinUrl} …`);
await buildKeymint({ openrouterUrl: standinUrl, outDir });
const app = createStaticServer({ root: outDir });
const appUrl = await listenOrExit(app, appPort, 'DEMO_PORT');
console.log(`
Keymint demo is running, fully offline.

  Open ${appUrl}

Fill the form, press Authorize, approve on the stand-in's consent page and you land back on
Keymint with a freshly minted (fake) key. The stand-in verifies PKCE, makes codes single-use and
expires them after 10 minutes, like OpenRouter. Press Ctrl+C to stop.`);

const stop = async () => {
  await Promise.all([app.close(), standin.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
