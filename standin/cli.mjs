#!/usr/bin/env node
// @ts-check
// Runs the OpenRouter stand-in on its own: node standin/cli.mjs [--port 4010] [--no-state-echo]
import { createStandin } from './openrouter.mjs';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 4010;
const standin = createStandin();
const url = await standin.listen(port);
if (args.includes('--no-state-echo')) {
  await fetch(`${url}/__standin/config`, { method: 'POST', body: JSON.stringify({ echoState: false }) });
}
console.log(`OpenRouter stand-in listening on ${url}`);
