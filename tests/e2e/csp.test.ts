// The built page's Content-Security-Policy at work in Chromium: no inline script, no network peer
// but OpenRouter's API, Trusted Types with no policy at all, and the app running cleanly under it.
// Each check runs once on the page as built and once more on a variant the test serves through
// page.route (the CSP removed or cut down), where the same attack has to succeed: that proves the
// check itself can see a failure, and that what stops the attack on the real page is the policy.
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { close, listen } from '../../scripts/listen.mjs';
import { appUrl, authorize, decide, pressMintWithKey, randomApiKey, standin, standinUrl, useKeyMode, useChromium, appReady } from './harness';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  document: string;
}

interface Observed {
  context: BrowserContext;
  page: Page;
  violations: Violation[];
  /** Console messages of type error, and uncaught exceptions, from every page of the context. */
  errors: string[];
}

const openPage = useChromium();

/** Every securitypolicyviolation of every document in the context, from before its first script. */
const VIOLATION_LISTENER = `document.addEventListener('securitypolicyviolation', (e) => {
  window.__keymintCsp({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, document: e.documentURI });
}, true);`;

/** How the page's HTML is changed on its way to the browser; undefined serves it as built. */
type Edit = (html: string) => string;

async function open(edit?: Edit): Promise<Observed> {
  const { context, page } = await openPage();
  const violations: Violation[] = [];
  const errors: string[] = [];
  // A page served through page.route has no address, so Chromium's Local Network Access check
  // would refuse its requests to loopback servers: granted, so that only the CSP can stop them.
  await context.grantPermissions(['local-network-access']);
  await context.exposeBinding('__keymintCsp', (_source, violation: Violation) => void violations.push(violation));
  await context.addInitScript(VIOLATION_LISTENER);
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.location().url}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  if (edit) {
    await page.route(
      (url) => `${url.origin}${url.pathname}` === appUrl,
      async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, body: edit(await response.text()) });
      },
    );
  }
  await page.goto(appUrl);
  // The module scripts ran and rendered, and the PKCE challenge is ready.
  await appReady(page);
  return { context, page, violations, errors };
}

/** Lets queued violation reports reach the test: they are dispatched in a task of their own. */
const settled = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));

const CSP_META = /<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/;

/** Rewrites the CSP meta (and fails loudly if there is none to rewrite). */
function editCsp(html: string, change: (meta: string, policy: string) => string): string {
  const match = CSP_META.exec(html);
  if (!match) throw new Error('the built page has no CSP meta to edit');
  return html.replace(CSP_META, change(match[0], match[1]!));
}

const withoutCsp: Edit = (html) => editCsp(html, () => '');
/** Inserts markup into <head> right after the CSP meta, where the policy already applies. */
const afterCsp =
  (markup: string): Edit =>
  (html) =>
    editCsp(html, (meta) => `${meta}${markup}`);
/** The built policy with some directives removed. */
const cspWithout =
  (...names: string[]): Edit =>
  (html) =>
    editCsp(html, (meta, policy) => {
      const kept = policy
        .split(';')
        .map((d) => d.trim())
        .filter((d) => !names.includes(d.split(/\s+/)[0]!));
      if (kept.length !== policy.split(';').length - names.length) throw new Error(`not all of ${names.join(', ')} are in the CSP`);
      return meta.replace(policy, kept.join('; '));
    });
const both =
  (...edits: Edit[]): Edit =>
  (html) =>
    edits.reduce((h, edit) => edit(h), html);

describe('the built page under its Content-Security-Policy', () => {
  it('loads with no console error, no uncaught exception and no CSP violation', async () => {
    const { page, violations, errors } = await open();
    await page.waitForLoadState('networkidle');
    await settled(page);
    expect(await page.getByRole('button', { name: 'Authorize' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });

  describe('inline script', () => {
    const INJECTED = afterCsp('<script>window.__inlineRan = true</script>');
    const HANDLER: Edit = (html) => {
      if (!html.includes('<body>')) throw new Error('the built page has no <body> tag to edit');
      return html.replace('<body>', '<body><img id="probe" alt="" src="./favicon.svg" onload="window.__handlerRan = true">');
    };
    const ran = (page: Page) =>
      page.evaluate(async () => {
        const img = document.getElementById('probe') as HTMLImageElement;
        await img.decode().catch(() => undefined); // loaded (or failed) either way
        const w = window as unknown as { __inlineRan?: boolean; __handlerRan?: boolean };
        return { script: w.__inlineRan ?? false, handler: w.__handlerRan ?? false };
      });

    it('does not run a <script> block or an on* attribute injected into the page', async () => {
      const { page, violations, errors } = await open(both(INJECTED, HANDLER));
      expect(await ran(page)).toEqual({ script: false, handler: false });
      await expect.poll(() => violations.map((v) => `${v.directive} ${v.blocked}`).sort()).toEqual(['script-src-attr inline', 'script-src-elem inline']);
      expect(errors.join('\n')).toMatch(/Executing inline script violates .*script-src 'self'/);
      expect(errors.join('\n')).toMatch(/Executing inline event handler violates .*script-src 'self'/);
      // The app's own module script, from 'self', still ran: open() waited for its output.
    });

    it('(control) runs both once the CSP meta is gone', async () => {
      const { page, violations } = await open(both(INJECTED, HANDLER, withoutCsp));
      expect(await ran(page)).toEqual({ script: true, handler: true });
      await settled(page);
      expect(violations).toEqual([]);
    });

    it('does not let a script create a script element with inline code', async () => {
      const { page, violations } = await open();
      const outcome = await page.evaluate(() => {
        const script = document.createElement('script');
        try {
          script.textContent = 'window.__inlineRan = true';
        } catch (error) {
          return String(error);
        }
        document.head.append(script);
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'ran' : 'did not run';
      });
      expect(outcome).toMatch(/^TypeError: .*requires 'TrustedScript' assignment/);
      await expect
        .poll(() => violations.map((v) => [v.directive, v.sample]))
        .toEqual([['require-trusted-types-for', 'HTMLScriptElement textContent|window.__inlineRan = true']]);
    });
  });

  describe('network', () => {
    // A server of our own on another port, which answers anything, cross-origin included: a
    // request the page makes to it arrives here unless the browser stopped it.
    const hits: string[] = [];
    const record = (req: IncomingMessage) => hits.push(req.url ?? '');
    const other = createServer((req, res) => {
      record(req);
      res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' }).end('ok');
    });
    other.on('upgrade', (req, socket) => {
      record(req);
      socket.destroy();
    });
    let otherUrl: string;
    beforeAll(async () => {
      otherUrl = await listen(other);
    });
    afterAll(() => close(other));
    beforeEach(() => {
      hits.length = 0;
    });

    /** Reaches for the other server every way a page script can, and waits for each to settle. */
    const exfiltrate = (page: Page) =>
      page.evaluate(async (target) => {
        const settle = (start: (done: () => void) => void) =>
          new Promise<void>((resolve) => {
            start(resolve);
            setTimeout(resolve, 3000);
          });
        await fetch(`${target}/fetch`).catch(() => undefined);
        await settle((done) => {
          const xhr = new XMLHttpRequest();
          xhr.open('GET', `${target}/xhr`);
          xhr.onloadend = done;
          xhr.send();
        });
        navigator.sendBeacon(`${target}/beacon`, 'x');
        await settle((done) => {
          const source = new EventSource(`${target}/eventsource`);
          source.onerror = source.onopen = () => (source.close(), done());
        });
        await settle((done) => {
          const socket = new WebSocket(`${target.replace('http', 'ws')}/websocket`);
          socket.onerror = socket.onclose = done;
        });
        await settle((done) => {
          const img = new Image();
          img.onload = img.onerror = done;
          img.src = `${target}/img`;
        });
      }, otherUrl);

    const ALL_PATHS = ['/beacon', '/eventsource', '/fetch', '/img', '/websocket', '/xhr'];

    it('blocks every request to another host: it never leaves the browser, and connect-src/img-src report it', async () => {
      const { page, violations } = await open();
      await exfiltrate(page);
      await expect
        .poll(() => violations.map((v) => `${v.directive} ${v.blocked.replace(otherUrl.replace('http', 'ws'), 'WS').replace(otherUrl, 'HTTP')}`).sort())
        .toEqual([
          'connect-src HTTP/beacon',
          'connect-src HTTP/eventsource',
          'connect-src HTTP/fetch',
          'connect-src HTTP/xhr',
          'connect-src WS/websocket',
          'img-src HTTP/img',
        ]);
      // Anything that did get out would have arrived by now: the control below sees all six at once.
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
      expect(hits).toEqual([]);
    });

    it('(control) lets every one of those requests reach the other server once the CSP meta is gone', async () => {
      const { page, violations } = await open(withoutCsp);
      await exfiltrate(page);
      await expect.poll(() => [...new Set(hits.map((h) => h.split('?')[0]))].sort()).toEqual(ALL_PATHS);
      await settled(page);
      expect(violations).toEqual([]);
    });

    it("allows the page's own site and the OpenRouter origin under /api/v1/ only", async () => {
      const { page, violations } = await open();
      const outcome = await page.evaluate(async (api) => {
        const status = (url: string, init?: RequestInit) =>
          fetch(url, init).then(
            (r) => r.status,
            () => 'blocked',
          );
        return {
          // 'self': the page fetches the programs it shows as code from its own site.
          ownSite: await status('programs/mint.sh'),
          exchange: await status(`${api}/api/v1/auth/keys`, { method: 'POST', body: '{}' }),
          consentPage: await status(`${api}/auth?probe=1`),
          outsideApi: await status(`${api}/api/v1x`),
        };
      }, standinUrl);
      expect(outcome).toEqual({ ownSite: 200, exchange: 400, consentPage: 'blocked', outsideApi: 'blocked' });
      const seen = (await standin.log()).map((r) => `${r.method} ${r.path}`);
      expect(seen).toContain('POST /api/v1/auth/keys');
      expect(seen.filter((s) => !s.includes('/api/v1/auth/keys'))).toEqual([]);
      await expect
        .poll(() => violations.map((v) => `${v.directive} ${v.blocked}`).sort())
        .toEqual([`connect-src ${standinUrl}/api/v1x`, `connect-src ${standinUrl}/auth?probe=1`]);
    });
  });

  describe('Trusted Types and eval', () => {
    /** Hands a string to every HTML and script sink a page script can reach, synchronously. */
    const sinks = (page: Page) =>
      page.evaluate(() => {
        const attempt = (sink: () => unknown) => {
          try {
            sink();
            return 'allowed';
          } catch (error) {
            return String(error);
          }
        };
        const payload = '<img src="x" onerror="window.__pwned = true">';
        const tt = (window as unknown as { trustedTypes: { createPolicy(name: string, rules: object): unknown } }).trustedTypes;
        return {
          innerHTML: attempt(() => (document.body.innerHTML = payload)),
          insertAdjacentHTML: attempt(() => document.body.insertAdjacentHTML('beforeend', payload)),
          outerHTML: attempt(() => (document.createElement('div').outerHTML = payload)),
          createContextualFragment: attempt(() => document.createRange().createContextualFragment(payload)),
          DOMParser: attempt(() => new DOMParser().parseFromString(payload, 'text/html')),
          iframeSrcdoc: attempt(() => (document.createElement('iframe').srcdoc = payload)),
          scriptSrc: attempt(() => (document.createElement('script').src = 'data:text/javascript,window.__pwned=true')),
          setTimeout: attempt(() => setTimeout('window.__pwned = true')),
          createPolicy: attempt(() => tt.createPolicy('keymint-test', { createHTML: (s: string) => s })),
          // Last: on a page that allows it, this replaces the whole document.
          documentWrite: attempt(() => document.write(payload)),
        };
      });

    /** eval and its kin from a task of the page's own: DevTools' evaluation itself is exempt from the CSP. */
    const evals = (page: Page) =>
      page.evaluate(
        () =>
          new Promise<Record<string, string>>((resolve) =>
            setTimeout(() => {
              const attempt = (run: () => unknown) => {
                try {
                  return `allowed: ${String(run())}`;
                } catch (error) {
                  return String(error);
                }
              };
              resolve({
                eval: attempt(() => eval('6 * 7')),
                indirectEval: attempt(() => (0, eval)('6 * 7')),
                Function: attempt(() => new Function('return 6 * 7')()),
              });
            }),
          ),
      );

    const pwned = (page: Page) =>
      page.evaluate(async () => {
        await new Promise((resolve) => setTimeout(resolve, 200)); // an onerror handler would have run
        return (window as unknown as { __pwned?: boolean }).__pwned ?? false;
      });

    it('rejects a string at every HTML and script sink, reports each, and leaves the app in place', async () => {
      const { page, violations } = await open();
      const outcome = await sinks(page);
      const html = /^TypeError: .*This document requires 'TrustedHTML' assignment\.$/;
      expect(outcome).toEqual({
        innerHTML: expect.stringMatching(html),
        insertAdjacentHTML: expect.stringMatching(html),
        outerHTML: expect.stringMatching(html),
        createContextualFragment: expect.stringMatching(html),
        DOMParser: expect.stringMatching(html),
        iframeSrcdoc: expect.stringMatching(html),
        scriptSrc: expect.stringMatching(/^TypeError: .*requires 'TrustedScriptURL' assignment/),
        setTimeout: expect.stringMatching(/^TypeError: .*requires 'TrustedScript' assignment/),
        createPolicy: expect.stringMatching(/^TypeError: .*Policy "keymint-test" disallowed/),
        documentWrite: expect.stringMatching(html),
      });
      expect(await pwned(page)).toBe(false);
      expect(await page.getByRole('button', { name: 'Authorize' }).isVisible()).toBe(true);
      await expect
        .poll(() => violations.map((v) => `${v.directive} ${v.blocked} ${v.sample.split('|')[0]}`))
        .toEqual([
          'require-trusted-types-for trusted-types-sink Element innerHTML',
          'require-trusted-types-for trusted-types-sink Element insertAdjacentHTML',
          'require-trusted-types-for trusted-types-sink Element outerHTML',
          'require-trusted-types-for trusted-types-sink Range createContextualFragment',
          'require-trusted-types-for trusted-types-sink DOMParser parseFromString',
          'require-trusted-types-for trusted-types-sink HTMLIFrameElement srcdoc',
          'require-trusted-types-for trusted-types-sink HTMLScriptElement src',
          'require-trusted-types-for trusted-types-sink Window setTimeout',
          'trusted-types trusted-types-policy keymint-test',
          'require-trusted-types-for trusted-types-sink Document write',
        ]);
    });

    it('(control) takes every one of those strings, and runs the payload, once the CSP meta is gone', async () => {
      const { page, violations } = await open(withoutCsp);
      const outcome = await sinks(page);
      for (const [sink, result] of Object.entries(outcome)) expect(result, sink).toBe('allowed');
      expect(await pwned(page)).toBe(true);
      await settled(page);
      expect(violations).toEqual([]);
    });

    it('throws EvalError for eval and new Function', async () => {
      const { page, violations } = await open();
      const evalError = /^EvalError: .*'unsafe-eval' is not an allowed source of script/;
      expect(await evals(page)).toEqual({
        eval: expect.stringMatching(evalError),
        indirectEval: expect.stringMatching(evalError),
        Function: expect.stringMatching(evalError),
      });
      // Trusted Types sees the string first and reports; script-src then refuses to compile it.
      await expect
        .poll(() => violations.map((v) => `${v.directive} ${v.sample.split('|')[0]}`))
        .toEqual(['require-trusted-types-for eval', 'require-trusted-types-for eval', 'require-trusted-types-for Function']);
    });

    it('throws EvalError for eval and new Function by script-src alone, without Trusted Types', async () => {
      const { page, violations } = await open(cspWithout('require-trusted-types-for', 'trusted-types'));
      const evalError = /^EvalError: .*'unsafe-eval' is not an allowed source of script/;
      expect(await evals(page)).toEqual({
        eval: expect.stringMatching(evalError),
        indirectEval: expect.stringMatching(evalError),
        Function: expect.stringMatching(evalError),
      });
      await expect.poll(() => violations.map((v) => `${v.directive} ${v.blocked}`)).toEqual(['script-src eval', 'script-src eval', 'script-src eval']);
    });

    it('(control) evaluates strings once the CSP meta is gone', async () => {
      const { page, violations } = await open(withoutCsp);
      expect(await evals(page)).toEqual({ eval: 'allowed: 42', indirectEval: 'allowed: 42', Function: 'allowed: 42' });
      await settled(page);
      expect(violations).toEqual([]);
    });

    it('lets the app run a whole redirect sign-in with no violation and no console error', async () => {
      const { page, violations, errors } = await open();
      await authorize(page);
      await decide(page, 'Approve');
      await page.getByTestId('api-key').waitFor();
      await page.getByRole('button', { name: 'Show key' }).click();
      const [key] = Object.keys(await standin.keys());
      expect(await page.getByTestId('api-key').textContent()).toBe(key);
      await page.getByRole('button', { name: 'Hide key' }).click();
      await settled(page);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
      // And the document that finished the flow was the one enforcing Trusted Types.
      expect(await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content'))).toContain(
        "require-trusted-types-for 'script'",
      );
      const refused = await page.evaluate(() => {
        try {
          document.createElement('div').innerHTML = '<b>x</b>';
          return false;
        } catch {
          return true;
        }
      });
      expect(refused).toBe(true);
    });

    it('mints with an existing key, snippets and applied-settings check included, with no violation and no console error', async () => {
      const existing = randomApiKey();
      await standin.addApiKey(existing);
      const { page, violations, errors } = await open();
      await useKeyMode(page, { existingKey: existing, appTitle: 'Keymint CSP test' });
      await pressMintWithKey(page);
      await page.getByTestId('api-key').waitFor();
      await page.locator('tbody tr').first().waitFor(); // GET /api/v1/key with the new key answered
      expect(await standin.codeRequests()).toHaveLength(1);
      expect(await standin.exchanges()).toHaveLength(1);
      await settled(page);
      expect(violations).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
});
