// The flows that matter, written once and run in Chromium, Firefox and WebKit (one test file per
// engine: cross-engine.<engine>.test.ts, so one engine can run alone). The Chromium suite
// (the other tests here) covers every case; these prove the core flows in each engine.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { close, listen } from '../../scripts/listen.mjs';
import { launchEngine, type Engine, type EngineName, type EngineOptions, type Session, type View, type Win } from './engines';
import { appUrl, docsUrl, pagesUrl, readSecretPlaces, standin, standinUrl } from './harness';

/** The flows, by title. */
export const FLOWS = [
  'mints through a redirect with every field',
  'shows a denial and exchanges nothing',
  'leaves the key, code and verifier in no storage, cookie, URL, history, title or console',
  'mints through a popup from a docs page on another site, with the popup blocker on',
  'mints by pasting the code OpenRouter shows',
  'mints with an existing key',
  'lets its CSP block a fetch to another host',
  'brings the key back masked, or not at all, after the back/forward cache',
] as const;
export type Flow = (typeof FLOWS)[number];

/**
 * Whether a sign-in window hands its answer back to a Keymint framed by a page of another site.
 * Firefox and WebKit partition that frame under the docs site, and reading its `location` from the
 * top-level sign-in window throws SecurityError; handBack (src/flow/popup.ts) therefore never reads
 * it and posts with Keymint's origin as the target, which reaches the frame in every engine.
 */
const HANDS_BACK_TO_PARTITIONED_FRAME: Record<EngineName, boolean> = {
  chromium: true,
  firefox: true,
  webkit: true,
};

/**
 * Whether each engine brings a page holding a key back from the back/forward cache. The page has
 * a beforeunload listener while a key is on screen (leaving asks first).
 */
const RESTORED_FROM_BFCACHE: Record<EngineName, boolean> = {
  chromium: true,
  firefox: true,
  webkit: true,
};

const KEY = '[data-testid="api-key"]';
const b64u = (buf: Buffer) => buf.toString('base64url');
const mintedKeys = async () => Object.keys(await standin.keys());

/** The app is ready once the preview shows a challenge; a click on the heading is the first interaction. */
async function ready(view: View): Promise<void> {
  await view.click('h1');
  await view.waitFor({ css: 'pre[aria-label="Authorization URL"]', text: '/auth?' }, 15_000);
}

async function authorize(tab: Win): Promise<void> {
  await tab.click({ button: 'Authorize' });
  await tab.waitForUrl(`${standinUrl}/auth?`);
}

async function decide(tab: Win, decision: 'Approve' | 'Deny', back = appUrl): Promise<void> {
  await tab.click({ button: decision });
  await tab.waitForUrl(back);
}

/** A server on another host (another origin) that counts what reaches it. */
async function foreignServer() {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
  });
  const url = (await listen(server, 0, '127.0.0.1')).replace('127.0.0.1', 'localhost');
  return { url, hits, close: () => close(server) };
}

/**
 * Registers the cross-engine suite for one engine: one browser for the file, a fresh session per
 * test. `flows` limits it to some flows (for the packaged-Chromium proof).
 */
export function crossEngineSuite(name: EngineName, { flows = FLOWS, ...options }: EngineOptions & { flows?: readonly Flow[] } = {}): void {
  let engine: Engine | undefined;
  const sessions: Session[] = [];
  let foreign: Awaited<ReturnType<typeof foreignServer>>;

  beforeAll(async () => {
    foreign = await foreignServer();
    // Chromium: the back/forward cache on, as readers have it (Playwright turns it off).
    engine = await launchEngine(name, { bfcache: true, ...options });
  }, 120_000);
  afterAll(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await engine?.close();
    await foreign?.close();
  });
  beforeEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
    await standin.reset();
  });

  const open = async (url?: string) => {
    if (!engine) throw new Error(`${name} did not start`);
    const session = await engine.session();
    sessions.push(session);
    if (url) await session.tab.goto(url);
    return session;
  };
  const flow = (title: Flow, test: () => Promise<void>) => {
    if (flows.includes(title)) it(title, test);
  };

  describe(`the core flows in ${name}${options.packaged ? ' (the npm-shipped @sparticuz/chromium)' : ''}`, () => {
    flow('mints through a redirect with every field', async () => {
      const { tab } = await open(appUrl);
      await ready(tab);
      await tab.fill('[name="key_label"]', 'Docs & demos #1 100% 🔑');
      await tab.fill('[name="limit"]', '12.50');
      await tab.fill('[name="usage_limit_type"]', 'weekly');
      await tab.fill('[name="expires_at"]', '2099-06-30T12:34:56');
      await tab.fill('[name="workspace_id"]', '3F2B8C1E-9D4A-4B6F-8E2D-1A2B3C4D5E6F');
      await tab.waitFor({ css: 'pre[aria-label="Authorization URL"]', text: 'workspace_id=3f2b8c1e' });
      await authorize(tab);

      const auth = (await standin.log()).find((r) => r.path === '/auth')!;
      expect(auth.query).toMatchObject({
        callback_url: appUrl,
        code_challenge_method: 'S256',
        key_label: 'Docs & demos #1 100% 🔑',
        limit: '12.5',
        usage_limit_type: 'weekly',
        workspace_id: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
        expires_at: '2099-06-30T10:34:56Z', // Berlin summer time is UTC+2
      });
      expect(auth.query.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(auth.headers.referer).toBeUndefined();

      await decide(tab, 'Approve');
      await tab.waitFor(KEY);
      const [exchange] = await standin.exchanges();
      const sent = JSON.parse(exchange!.body) as Record<string, string>;
      expect(b64u(createHash('sha256').update(sent.code_verifier!).digest())).toBe(auth.query.code_challenge);
      expect(exchange!.headers.authorization).toBeUndefined();
      const [key] = await mintedKeys();
      expect(await tab.text(KEY)).toBe(`sk-or-v1-${'•'.repeat(12)}${key!.slice(-4)}`);
      await tab.click({ button: 'Show key' });
      await expect.poll(() => tab.text(KEY)).toBe(key);
      expect(await tab.url()).toBe(appUrl);
    });

    flow('shows a denial and exchanges nothing', async () => {
      const { tab } = await open(appUrl);
      await ready(tab);
      await authorize(tab);
      await decide(tab, 'Deny');
      const alert = await tab.waitFor({ css: '[role="alert"]', text: 'access_denied' });
      expect(alert).toContain('The user denied access.');
      expect(await standin.exchanges()).toHaveLength(0);
      expect(await tab.url()).toBe(appUrl);
      expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);
    });

    flow('leaves the key, code and verifier in no storage, cookie, URL, history, title or console', async () => {
      const session = await open(appUrl);
      const { tab } = session;
      await ready(tab);
      await authorize(tab);
      await decide(tab, 'Approve');
      await tab.waitFor(KEY);
      await tab.click({ button: 'Show key' });

      const [key] = await mintedKeys();
      const [exchange] = await standin.exchanges();
      const { code, code_verifier: verifier } = JSON.parse(exchange!.body) as Record<string, string>;
      const places = await tab.evaluate(readSecretPlaces);
      for (const secret of [key!, code!, verifier!]) expect(places).not.toContain(secret);
      // The console: in Chromium and Firefox, whose drivers hear it (WebKit's classic WebDriver does not).
      if ((await session.console()) !== null) {
        // The recorder hears this page, so an empty record means a quiet page.
        await tab.evaluate(() => console.log('console-probe'));
        await expect.poll(async () => (await session.console())!.join('\n')).toContain('console-probe');
        const lines = (await session.console())!.join('\n');
        for (const secret of [key!, code!, verifier!]) expect(lines).not.toContain(secret);
      } else expect(name).toBe('webkit');
      // Neither back nor forward holds the code: the callback's history entry was replaced.
      await tab.back(); // leaving with a key on screen asks first; every engine here accepts
      await tab.waitForUrl(`${standinUrl}/auth?`);
      await tab.forward();
      await expect.poll(() => tab.url(), { timeout: 10_000 }).toBe(appUrl);
      expect(await standin.exchanges()).toHaveLength(1);
    });

    flow('mints through a popup from a docs page on another site, with the popup blocker on', async () => {
      const session = await open(`${docsUrl}/docs?${new URLSearchParams({ src: appUrl, count: '1', probe: 'popup' })}`);
      // The docs page's own window.open, without a click, was refused: the popup blocker is on.
      expect(await session.tab.evaluate(() => (window as unknown as { __popupBlocked?: boolean }).__popupBlocked)).toBe(engine!.blocksPopups);
      const frame = session.tab.frame('#keymint-0');
      await frame.waitFor({ css: 'p, div, span', text: 'Embedded on' }, 15_000);
      await ready(frame);
      expect(await frame.evaluate(() => (document.querySelector('input[name="mode"][value="popup"]') as HTMLInputElement).checked)).toBe(true);

      const popup = await session.nextWindow(() => frame.click({ button: 'Authorize' }));
      await popup.waitForUrl(`${standinUrl}/auth?`);
      await popup.click({ button: 'Approve' });
      if (HANDS_BACK_TO_PARTITIONED_FRAME[name]) {
        await expect.poll(() => popup.isClosed(), { timeout: 10_000 }).toBe(true);
      } else {
        // The window keeps the answer and shows it as a line; the person copies it and closes the window.
        const line = await popup.waitFor({ css: 'section', text: 'Finish in the Keymint that started this sign-in' }).then(() => popup.waitFor('section pre'));
        expect(new URL(line).searchParams.get('state')).toBe((await standin.log()).find((r) => r.path === '/auth')!.query.state);
        expect(await popup.isClosed()).toBe(false);
        await popup.evaluate(() => window.close());
        await frame.waitFor({ css: 'h2', text: 'The sign-in window closed' });
        await frame.fill('#paste-code', line);
        await frame.click({ button: 'Exchange code' });
      }
      await frame.waitFor(KEY);
      expect(await standin.exchanges()).toHaveLength(1);

      const messages = await session.tab.evaluate(() => (window as unknown as { __messages: Array<{ origin: string; data: unknown }> }).__messages);
      expect(messages.length).toBeGreaterThan(0);
      for (const { origin, data } of messages) {
        expect(origin).toBe(new URL(appUrl).origin);
        expect(Object.keys(data as object).sort()).toEqual(['height', 'type']);
      }
    });

    flow('mints by pasting the code OpenRouter shows', async () => {
      const session = await open(appUrl);
      const { tab } = session;
      await ready(tab);
      await tab.click('input[name="mode"][value="paste"]');
      const signIn = await session.nextWindow(() => tab.click({ button: 'Authorize' }));
      const auth = new URL(await signIn.waitForUrl(`${standinUrl}/auth?`));
      expect(auth.searchParams.has('callback_url')).toBe(false);
      expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
      await signIn.click({ button: 'Approve' });
      const code = await signIn.waitFor('#code');
      await tab.fill('#paste-code', code);
      await tab.click({ button: 'Exchange code' });
      await tab.waitFor(KEY);
      expect(JSON.parse((await standin.exchanges())[0]!.body)).toMatchObject({ code });
      expect(await tab.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
    });

    flow('mints with an existing key', async () => {
      const existing = `sk-or-v1-${randomBytes(32).toString('hex')}`;
      await standin.addApiKey(existing);
      const { tab } = await open(appUrl);
      await ready(tab);
      await tab.click('input[name="mode"][value="key"]');
      await tab.fill('#k-existingKey', existing);
      await tab.fill('#k-appTitle', 'Keymint Docs');
      await tab.fill('[name="key_label"]', 'From a key');
      await tab.waitFor({ css: 'pre[aria-label="Create-code request"]', text: '"code_challenge"' });
      await tab.click({ button: 'Mint with my API key' });
      await tab.waitFor(KEY);
      const [create] = await standin.codeRequests();
      expect(create!.headers.authorization).toBe(`Bearer ${existing}`);
      expect(create!.headers['x-openrouter-title']).toBe('Keymint Docs');
      expect(JSON.parse(create!.body)).toMatchObject({ key_label: 'From a key', code_challenge_method: 'S256' });
      expect(await standin.exchanges()).toHaveLength(1);
      expect(await tab.evaluate(readSecretPlaces)).not.toContain(existing);
    });

    flow('lets its CSP block a fetch to another host', async () => {
      const attempt = (view: View) =>
        view.evaluate(async (url) => {
          const violations: string[] = [];
          document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
          const outcome = await fetch(url).then(
            (r) => `fetched ${r.status}`,
            (e: unknown) => `refused: ${String(e)}`,
          );
          await new Promise((resolve) => setTimeout(resolve, 300));
          return { outcome, violations };
        }, `${foreign.url}/exfiltrate`);
      const { tab } = await open(appUrl);
      await ready(tab);
      const blocked = await attempt(tab);
      expect(blocked.outcome).toMatch(/^refused/);
      expect(blocked.violations.join()).toContain('connect-src');
      expect(foreign.hits).toEqual([]);
      // (control) The same fetch from a page without the CSP reaches the server.
      await tab.goto(`${docsUrl}/docs?src=about:blank`);
      expect((await attempt(tab)).outcome).toBe('fetched 200');
      expect(foreign.hits).toEqual(['/exfiltrate']);
    });

    flow('brings the key back masked, or not at all, after the back/forward cache', async () => {
      // Served as GitHub Pages does (max-age=600): a no-store page is never kept in the cache.
      const { tab } = await open(pagesUrl);
      await ready(tab);
      await authorize(tab);
      await decide(tab, 'Approve', pagesUrl);
      await tab.waitFor(KEY);
      await tab.click({ button: 'Show key' });
      const [key] = await mintedKeys();
      await expect.poll(() => tab.text(KEY)).toBe(key);

      await tab.evaluate(() => void ((window as unknown as { marker: number }).marker = 1));
      await tab.goto(`${docsUrl}/docs?src=about:blank`);
      await tab.back();
      await expect.poll(() => tab.url(), { timeout: 10_000 }).toBe(pagesUrl);
      await expect.poll(() => tab.evaluate(() => document.readyState), { timeout: 10_000 }).toBe('complete');
      const restored = (await tab.evaluate(() => (window as unknown as { marker?: number }).marker)) === 1;
      expect(restored, 'restored from the back/forward cache').toBe(RESTORED_FROM_BFCACHE[name]);
      if (restored) {
        await expect.poll(() => tab.text(KEY), { timeout: 10_000 }).toContain('•');
        expect(await tab.text(KEY)).not.toContain(key);
      } else {
        await ready(tab);
        expect(await tab.text(KEY)).toBeNull();
      }
      expect(await standin.exchanges()).toHaveLength(1);
    });
  });
}
