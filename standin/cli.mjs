#!/usr/bin/env node
// @ts-check
// Runs the OpenRouter stand-in on its own: node standin/cli.mjs [--port 4010] [--no-state-echo] [--coop]
import { createStandin } from './openrouter.mjs';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 4010;
const standin = createStandin();
const url = await standin.listen(port);
const config = {
  ...(args.includes('--no-state-echo') && { echoState: false }),
  ...(args.includes('--coop') && { coop: true }),
};
if (Object.keys(config).length) {
  await fetch(`${url}/__standin/config`, { method: 'POST', body: JSON.stringify(config) });
}
console.log(`OpenRouter stand-in listening on ${url}`);
