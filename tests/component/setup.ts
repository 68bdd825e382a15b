import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

// The page fetches the programs it shows as code from its own site: here their files answer.
const siteFetch = globalThis.fetch;
beforeEach(() => {
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const file = /\/programs\/([\w.]+)$/.exec(String(input))?.[1];
    return file ? new Response(await readFile(join(process.cwd(), 'src/public/programs', file), 'utf8')) : siteFetch(input, init);
  });
});
