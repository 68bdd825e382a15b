// @ts-check
// A local stand-in for the parts of OpenRouter that Keymint talks to, for tests and the offline
// demo. It behaves like OpenRouter where that is documented: a consent page at /auth that
// redirects back with a code, PKCE verification (S256 and plain), single-use codes that expire
// after 10 minutes, CORS with a header allow-list, and errors as {"error":{"code","message"}}.
// Admin routes under /__standin/ let tests inject faults and read what was received.
import { createServer } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { close, listen } from '../scripts/listen.mjs';

export const CODE_TTL_MS = 10 * 60 * 1000;
/** Request headers OpenRouter's API accepts cross-origin; anything else fails the preflight. */
export const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'http-referer',
  'x-title',
  'x-openrouter-title',
  'x-openrouter-categories',
];
const USAGE_LIMIT_TYPES = ['daily', 'weekly', 'monthly'];
const ADMIN = '/__standin/';

/**
 * @typedef {{ route?: 'exchange' | 'auth', status?: number, body?: string, headers?: Record<string, string>,
 *   drop?: boolean, delayMs?: number, advanceClockMs?: number, times?: number }} Fault
 * @typedef {{ echoState: boolean, stateOnError: boolean }} StandinConfig
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   body: string, at: number }} LoggedRequest
 */

const DEFAULT_CONFIG = /** @type {StandinConfig} */ ({ echoState: true, stateOnError: true });

const b64u = (/** @type {Buffer} */ buf) => buf.toString('base64url');
const escapeHtml = (/** @type {unknown} */ value) =>
  String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** OpenRouter's error body. */
const errorJson = (/** @type {number} */ code, /** @type {string} */ message) =>
  JSON.stringify({ error: { code, message } });

export function createStandin() {
  /** @type {StandinConfig} */
  let config = { ...DEFAULT_CONFIG };
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  /** Authorization requests waiting on the consent page, by id. */
  const requests = new Map();
  /** Issued codes: challenge, method, when, whether used, and the key settings asked for. */
  const codes = new Map();
  /** Minted keys and the settings they carry. */
  const keys = new Map();
  /** @type {Fault[]} */
  let faults = [];
  /** @type {LoggedRequest[]} */
  let log = [];

  function reset() {
    config = { ...DEFAULT_CONFIG };
    clockOffsetMs = 0;
    requests.clear();
    codes.clear();
    keys.clear();
    faults = [];
    log = [];
  }

  /** Takes the next fault for a route, counting down its `times`. */
  function takeFault(/** @type {string} */ route) {
    const index = faults.findIndex((f) => (f.route ?? 'exchange') === route);
    if (index < 0) return undefined;
    const fault = /** @type {Fault} */ (faults[index]);
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  /** @param {import('node:http').ServerResponse} res */
  function cors(res) {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS.join(', '));
    res.setHeader('Access-Control-Max-Age', '600');
    res.setHeader('Vary', 'Origin');
    // A fresh connection per API request: Chromium silently resends a request whose reused
    // keep-alive connection drops, which would hide an injected drop from the page.
    res.setHeader('Connection', 'close');
  }

  /** @param {import('node:http').ServerResponse} res */
  function sendJson(res, /** @type {number} */ status, /** @type {string} */ body) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(body);
  }

  /** @param {import('node:http').ServerResponse} res */
  function sendHtml(res, /** @type {number} */ status, /** @type {string} */ title, /** @type {string} */ body) {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        '<style>body{font:16px system-ui;max-width:40rem;margin:2rem auto;padding:0 1rem}dt{font-weight:600}</style>' +
        `</head><body><p><small>OpenRouter stand-in (local, offline)</small></p>${body}</body></html>`,
    );
  }

  /** Where the consent decision sends the browser: the callback with code or error, and state. */
  function redirectTarget(/** @type {any} */ request, /** @type {Record<string, string>} */ params) {
    const url = new URL(request.callbackUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const withState = params.error ? config.echoState && config.stateOnError : config.echoState;
    if (request.state && withState) url.searchParams.set('state', request.state);
    return url.href;
  }

  /** GET /auth: validate like OpenRouter, then show a consent page. */
  function handleAuth(/** @type {URL} */ url, /** @type {import('node:http').ServerResponse} */ res) {
    const q = url.searchParams;
    const callbackUrl = q.get('callback_url');
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : null);
    const problems = [];
    if (callbackUrl !== null) {
      try {
        const cb = new URL(callbackUrl);
        const loopback = cb.hostname === 'localhost' || cb.hostname === '127.0.0.1';
        if (!(cb.protocol === 'https:' || (cb.protocol === 'http:' && loopback))) {
          problems.push('callback_url must be https, or http on localhost');
        }
      } catch {
        problems.push('callback_url is not a URL');
      }
    } else if (!challenge || method !== 'S256') {
      problems.push('without callback_url, an S256 code_challenge is required');
    }
    if (method !== null && method !== 'S256' && method !== 'plain') problems.push('unknown code_challenge_method');
    if (problems.length) {
      sendHtml(res, 400, 'Invalid authorization request', `<h1>Invalid authorization request</h1><p>${problems.map(escapeHtml).join('<br>')}</p>`);
      return;
    }
    const id = b64u(randomBytes(16));
    const settings = {
      key_label: q.get('key_label'),
      limit: q.get('limit'),
      usage_limit_type: q.get('usage_limit_type'),
      expires_at: q.get('expires_at'),
      workspace_id: q.get('workspace_id'),
    };
    requests.set(id, { callbackUrl, challenge, method, state: q.get('state'), settings });
    const app = callbackUrl ? new URL(callbackUrl).host : 'a command-line app';
    const rows = Object.entries(settings)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
      .join('');
    sendHtml(
      res,
      200,
      'Authorize an API key',
      `<h1>Authorize ${escapeHtml(app)}</h1><p>${escapeHtml(app)} asks for a new API key for your account.</p>` +
        (rows ? `<dl>${rows}</dl>` : '') +
        `<form method="post" action="/auth/decision"><input type="hidden" name="request" value="${id}">` +
        '<button name="decision" value="approve">Approve</button> <button name="decision" value="deny">Deny</button></form>',
    );
  }

  /** POST /auth/decision: issue a code (or an error) and send the browser back. */
  function handleDecision(/** @type {string} */ body, /** @type {import('node:http').ServerResponse} */ res) {
    const form = new URLSearchParams(body);
    const request = requests.get(form.get('request') ?? '');
    if (!request) {
      sendHtml(res, 400, 'Expired', '<h1>This authorization request is no longer valid</h1>');
      return;
    }
    requests.delete(form.get('request'));
    if (form.get('decision') !== 'approve') {
      if (!request.callbackUrl) {
        sendHtml(res, 200, 'Denied', '<h1>Access denied</h1><p>You can close this page.</p>');
        return;
      }
      res.writeHead(303, { Location: redirectTarget(request, { error: 'access_denied', error_description: 'The user denied access.' }) });
      res.end();
      return;
    }
    const code = b64u(randomBytes(24));
    codes.set(code, { challenge: request.challenge, method: request.method, createdAt: now(), used: false, settings: request.settings });
    if (!request.callbackUrl) {
      sendHtml(res, 200, 'Your code', `<h1>Your authorization code</h1><p>Paste it into the app. It works once, for 10 minutes.</p><p><output id="code">${escapeHtml(code)}</output></p>`);
      return;
    }
    res.writeHead(303, { Location: redirectTarget(request, { code }) });
    res.end();
  }

  /** POST /api/v1/auth/keys: verify the code against its challenge and mint a key. */
  function handleExchange(/** @type {string} */ body, /** @type {import('node:http').ServerResponse} */ res) {
    /** @type {any} */
    let input;
    try {
      input = JSON.parse(body);
    } catch {
      sendJson(res, 400, errorJson(400, 'Invalid JSON body'));
      return;
    }
    if (typeof input?.code !== 'string' || input.code === '') {
      sendJson(res, 400, errorJson(400, 'Invalid request parameters'));
      return;
    }
    const entry = codes.get(input.code);
    if (!entry || entry.used) {
      sendJson(res, 403, errorJson(403, 'Invalid code or code_verifier'));
      return;
    }
    if (now() - entry.createdAt >= CODE_TTL_MS) {
      sendJson(res, 403, errorJson(403, 'Authorization code expired'));
      return;
    }
    const method = input.code_challenge_method ?? null;
    if (entry.challenge && method !== null && method !== entry.method) {
      sendJson(res, 400, errorJson(400, 'Invalid code_challenge_method'));
      return;
    }
    if (entry.challenge) {
      const verifier = typeof input.code_verifier === 'string' ? input.code_verifier : '';
      const derived = entry.method === 'S256' ? b64u(createHash('sha256').update(verifier).digest()) : verifier;
      if (!verifier || derived !== entry.challenge) {
        sendJson(res, 403, errorJson(403, 'Invalid code or code_verifier'));
        return;
      }
    }
    entry.used = true;
    const key = `sk-or-v1-${randomBytes(32).toString('hex')}`;
    keys.set(key, entry.settings);
    sendJson(res, 200, JSON.stringify({ key, user_id: `user_${b64u(randomBytes(12))}` }));
  }

  /** Admin routes for tests: reset, config, faults, clock, log. */
  function handleAdmin(/** @type {string} */ path, /** @type {string} */ method, /** @type {string} */ body, /** @type {import('node:http').ServerResponse} */ res) {
    let input;
    try {
      input = body ? JSON.parse(body) : {};
    } catch {
      sendJson(res, 400, errorJson(400, 'Admin routes take JSON'));
      return;
    }
    switch (`${method} ${path}`) {
      case 'POST reset':
        reset();
        break;
      case 'POST config':
        config = { ...config, ...input };
        break;
      case 'POST faults':
        faults.push(...(Array.isArray(input) ? input : [input]));
        break;
      case 'POST clock':
        clockOffsetMs += Number(input.advanceMs) || 0;
        break;
      case 'GET log':
        sendJson(res, 200, JSON.stringify(log));
        return;
      case 'GET keys':
        sendJson(res, 200, JSON.stringify(Object.fromEntries(keys)));
        return;
      default:
        sendJson(res, 404, errorJson(404, 'Unknown admin route'));
        return;
    }
    sendJson(res, 200, JSON.stringify({ ok: true, config }));
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://standin.local');
    const chunks = /** @type {Buffer[]} */ ([]);
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, url, Buffer.concat(chunks).toString('utf8')).catch((error) => {
        if (!res.headersSent) sendJson(res, 500, errorJson(500, `Stand-in error: ${String(error)}`));
        else res.destroy();
      });
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res, /** @type {URL} */ url, /** @type {string} */ body) {
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith(ADMIN)) {
      handleAdmin(url.pathname.slice(ADMIN.length), method, body, res);
      return;
    }
    log.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: /** @type {Record<string, string>} */ (Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]))),
      body,
      at: Date.now(),
    });

    if (url.pathname.startsWith('/api/')) {
      cors(res);
      if (method === 'OPTIONS') {
        res.writeHead(204);
        res.end();
        return;
      }
    }

    const route = url.pathname === '/api/v1/auth/keys' ? 'exchange' : url.pathname === '/auth' ? 'auth' : '';
    const fault = route ? takeFault(route) : undefined;
    if (fault?.advanceClockMs) clockOffsetMs += fault.advanceClockMs;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    if (fault?.status) {
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
      res.end(fault.body ?? errorJson(fault.status, 'Injected fault'));
      return;
    }

    if (route === 'exchange') {
      if (method !== 'POST') sendJson(res, 405, errorJson(405, 'Method Not Allowed'));
      else handleExchange(body, res);
    } else if (route === 'auth' && method === 'GET') {
      handleAuth(url, res);
    } else if (url.pathname === '/auth/decision' && method === 'POST') {
      handleDecision(body, res);
    } else if (url.pathname.startsWith('/api/')) {
      sendJson(res, 404, errorJson(404, 'Not Found'));
    } else {
      sendHtml(res, 404, 'Not found', '<h1>Not found</h1>');
    }
  }

  return {
    server,
    /** Starts listening; resolves to the stand-in's origin. */
    listen: (port = 0, host = '127.0.0.1') => listen(server, port, host),
    close: () => close(server),
    reset,
  };
}
