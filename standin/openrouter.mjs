// @ts-check
// A local stand-in for the parts of OpenRouter that Keymint talks to, for tests and the offline
// demo. It behaves like OpenRouter where that is documented: a consent page at /auth that
// redirects back with a code (or shows it, in headless mode), POST /api/v1/auth/keys/code for
// codes made with an API key, PKCE verification (S256 and plain), single-use codes that expire
// after 10 minutes, GET /api/v1/key for what a key carries, CORS with a header allow-list, and
// errors as {"error":{"code","message"}}.
// Admin routes under /__standin/ let tests inject faults, switch behaviours and read what was
// received.
import { createServer } from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { close, listen } from '../scripts/listen.mjs';

export const CODE_TTL_MS = 10 * 60 * 1000;
/** Request headers OpenRouter's API accepts cross-origin; anything else fails the preflight. */
export const ALLOWED_HEADERS = ['authorization', 'content-type', 'http-referer', 'x-title', 'x-openrouter-title', 'x-openrouter-categories'];
/** The key settings an app can ask for, by wire name, on /auth and on /api/v1/auth/keys/code. */
export const KEY_SETTINGS = /** @type {const} */ (['key_label', 'limit', 'usage_limit_type', 'expires_at', 'workspace_id']);
const USAGE_LIMIT_TYPES = ['daily', 'weekly', 'monthly'];
const CHALLENGE_METHODS = ['S256', 'plain'];
const MAX_LABEL = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** UTC with seconds; fractional seconds allowed, minute precision and offsets are not. */
const UTC_WITH_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DECIMAL = /^\d+(\.\d+)?$/;
const ADMIN = '/__standin/';
/** Label of a headless grant without key_label: there is no callback host to name the app by. */
const HEADLESS_APP = 'headless';

/**
 * @typedef {'exchange' | 'auth' | 'code' | 'key'} Route
 * @typedef {{ route?: Route, status?: number, body?: string, headers?: Record<string, string>,
 *   drop?: boolean, dropAfter?: boolean, delayMs?: number, advanceClockMs?: number, times?: number }} Fault
 * @typedef {{ echoState: boolean, stateOnError: boolean, coop: boolean, ignoreAuthParams: string[],
 *   maskedLabel: boolean, referrerPolicy: string }} StandinConfig
 * @typedef {{ method: string, path: string, query: Record<string, string>, headers: Record<string, string>,
 *   body: string, at: number }} LoggedRequest
 * @typedef {{ key_label: string | null, limit: number | null, usage_limit_type: string | null,
 *   expires_at: string | null, workspace_id: string | null }} KeySettings
 * @typedef {'redirect' | 'headless' | 'code' | 'admin'} Via
 * @typedef {KeySettings & { label: string, user_id: string, created_at: string, via: Via }} KeyRecord
 * @typedef {{ challenge: string | null, method: string | null, createdAt: number, used: boolean,
 *   settings: KeySettings, app: string, via: Via }} CodeEntry
 * @typedef {{ callbackUrl: string | null, challenge: string | null, method: string | null,
 *   state: string | null, settings: KeySettings }} PendingRequest
 * @typedef {import('node:http').ServerResponse} Response
 */

/** The fault route name of a path, which is also how requests are dispatched. */
const ROUTES = /** @type {Record<string, Route>} */ ({
  '/auth': 'auth',
  '/api/v1/auth/keys': 'exchange',
  '/api/v1/auth/keys/code': 'code',
  '/api/v1/key': 'key',
});
/** The one method each API route takes; anything else is 405, as on OpenRouter. */
const API_METHODS = /** @type {Record<string, string>} */ ({ exchange: 'POST', code: 'POST', key: 'GET' });

const DEFAULT_CONFIG = /** @type {StandinConfig} */ ({
  echoState: true,
  stateOnError: true,
  coop: false,
  ignoreAuthParams: [],
  maskedLabel: false,
  // What the consent pages tell the browser to send as the referrer when they lead back to the
  // app: 'origin' makes the callback's document.referrer OpenRouter's origin.
  referrerPolicy: 'no-referrer',
});

/** The Referrer-Policy values browsers know; a typo would silently fall back to the default. */
const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
];

const b64u = (/** @type {Buffer} */ buf) => buf.toString('base64url');
const escapeHtml = (/** @type {unknown} */ value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** OpenRouter's error body. */
const errorJson = (/** @type {number} */ code, /** @type {string} */ message) => JSON.stringify({ error: { code, message } });

/** @returns {KeySettings} */
const noSettings = () => ({ key_label: null, limit: null, usage_limit_type: null, expires_at: null, workspace_id: null });

/** Why a callback URL is refused: OpenRouter takes https, or http on localhost/127.0.0.1. */
function callbackProblem(/** @type {string} */ value) {
  try {
    const url = new URL(value);
    const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback) ? '' : 'callback_url must be https, or http on localhost';
  } catch {
    return 'callback_url is not a URL';
  }
}

/** Why an expires_at is refused: it must be a real UTC instant with seconds, in the future. */
function expiresProblem(/** @type {unknown} */ value, /** @type {number} */ nowMs) {
  if (typeof value !== 'string' || !UTC_WITH_SECONDS.test(value)) {
    return 'expires_at must be a UTC timestamp with seconds (YYYY-MM-DDTHH:MM:SSZ)';
  }
  const ms = Date.parse(value);
  // Date.parse rolls 02-30 over into March; a round trip catches dates that do not exist.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) return 'expires_at is not a valid date';
  return ms > nowMs ? '' : 'expires_at must be in the future';
}

/** Why one key setting (a JSON value) is refused, or '' when it is fine. */
function settingProblem(/** @type {string} */ name, /** @type {unknown} */ value, /** @type {number} */ nowMs) {
  switch (name) {
    case 'key_label':
      return typeof value === 'string' && value.length <= MAX_LABEL ? '' : `key_label must be a string of at most ${MAX_LABEL} characters`;
    case 'limit':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? '' : 'limit must be a number >= 0';
    case 'usage_limit_type':
      return typeof value === 'string' && USAGE_LIMIT_TYPES.includes(value) ? '' : 'usage_limit_type must be one of daily, weekly, monthly';
    case 'expires_at':
      return expiresProblem(value, nowMs);
    case 'workspace_id':
      return typeof value === 'string' && UUID.test(value) ? '' : 'workspace_id must be a UUID';
    default:
      return '';
  }
}

/**
 * Reads the key settings from JSON-typed values, leaving out the `ignored` ones.
 * @param {Record<string, unknown>} source
 * @returns {{ settings: KeySettings, problems: string[] }}
 */
function readSettings(source, /** @type {number} */ nowMs, /** @type {string[]} */ ignored = []) {
  const settings = noSettings();
  const problems = [];
  for (const name of KEY_SETTINGS) {
    const value = source[name];
    // expires_at is nullable on the wire: null means "never", the same as leaving it out.
    if (value === undefined || (value === null && name === 'expires_at') || ignored.includes(name)) continue;
    const problem = settingProblem(name, value, nowMs);
    if (problem) problems.push(problem);
    // A UUID column hands it back in lower case, whatever case was sent.
    else /** @type {Record<string, unknown>} */ (settings)[name] = name === 'workspace_id' ? String(value).toLowerCase() : value;
  }
  return { settings, problems };
}

/** The /auth query's key settings as JSON-typed values: empty means absent, limit is a decimal. */
function queryValues(/** @type {URLSearchParams} */ q) {
  /** @type {Record<string, unknown>} */
  const values = {};
  for (const name of KEY_SETTINGS) {
    const raw = q.get(name);
    if (raw === null || raw === '') continue;
    values[name] = name === 'limit' && DECIMAL.test(raw) ? Number(raw) : raw;
  }
  return values;
}

/** An app id that stays the same for a callback host, as OpenRouter keys apps by their URL. */
const appId = (/** @type {string} */ host) => createHash('sha256').update(host).digest().readUInt32BE(0) % 1_000_000;

/** The key as OpenRouter shows it in the wild in a label: prefix, three characters, ..., last three. */
const maskKey = (/** @type {string} */ key) => `${key.slice(0, 12)}...${key.slice(-3)}`;

/** The bearer token of a request, or '' when it has none. */
function bearer(/** @type {import('node:http').IncomingMessage} */ req) {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

/** JSON.parse that answers undefined instead of throwing. */
function safeParse(/** @type {string} */ text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A parsed JSON value if it is an object (not an array), or undefined. */
const asObject = (/** @type {unknown} */ value) =>
  value && typeof value === 'object' && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : undefined;

/** Parses a JSON object body, or returns undefined. */
const jsonObject = (/** @type {string} */ body) => asObject(safeParse(body));

/** Why a config change is refused: unknown names and wrong types would silently do nothing. */
function configProblem(/** @type {Record<string, unknown>} */ input) {
  for (const [name, value] of Object.entries(input)) {
    if (!(name in DEFAULT_CONFIG)) return `Unknown config field ${name}`;
    const ok =
      name === 'ignoreAuthParams'
        ? Array.isArray(value) && value.every((v) => typeof v === 'string')
        : name === 'referrerPolicy'
          ? typeof value === 'string' && REFERRER_POLICIES.includes(value)
          : typeof value === 'boolean';
    if (!ok) return `Wrong type for config field ${name}`;
  }
  return '';
}

export function createStandin() {
  /** @type {StandinConfig} */
  let config = { ...DEFAULT_CONFIG };
  let clockOffsetMs = 0;
  const now = () => Date.now() + clockOffsetMs;
  /** The one signed-in user every key belongs to. */
  const userId = `user_${b64u(randomBytes(12))}`;
  /** The workspace a key spends in when none was asked for. */
  const defaultWorkspaceId = randomUUID();
  /** @type {Map<string, PendingRequest>} Authorization requests waiting on the consent page, by id. */
  const requests = new Map();
  /** @type {Map<string, CodeEntry>} Issued codes. */
  const codes = new Map();
  /** @type {Map<string, KeyRecord>} Keys minted through a code. */
  const keys = new Map();
  /** @type {Map<string, KeyRecord>} Keys added by a test, e.g. a developer's key for keys/code. */
  const addedKeys = new Map();
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
    addedKeys.clear();
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

  /** @param {Response} res */
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

  /** @param {Response} res */
  function sendJson(res, /** @type {number} */ status, /** @type {string} */ body) {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(body);
  }

  /** @param {Response} res */
  function sendHtml(res, /** @type {number} */ status, /** @type {string} */ title, /** @type {string} */ body) {
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:",
      'Referrer-Policy': config.referrerPolicy,
      'X-Frame-Options': 'DENY',
    });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
        '<style>body{font:16px system-ui;max-width:40rem;margin:2rem auto;padding:0 1rem}dt{font-weight:600}</style>' +
        `</head><body><p><small>OpenRouter stand-in (local, offline)</small></p>${body}</body></html>`,
    );
  }

  /** @param {Response} res */
  function sendInvalidRequest(res, /** @type {string[]} */ problems) {
    sendHtml(res, 400, 'Invalid authorization request', `<h1>Invalid authorization request</h1><p>${problems.map(escapeHtml).join('<br>')}</p>`);
  }

  /** Where the consent decision sends the browser: the callback with code or error, and state. */
  function redirectTarget(/** @type {PendingRequest} */ request, /** @type {Record<string, string>} */ params) {
    const url = new URL(/** @type {string} */ (request.callbackUrl));
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const withState = params.error ? config.echoState && config.stateOnError : config.echoState;
    if (request.state && withState) url.searchParams.set('state', request.state);
    return url.href;
  }

  /** Stores a fresh code; it is exchangeable once, for CODE_TTL_MS. */
  function issueCode(/** @type {Omit<CodeEntry, 'createdAt' | 'used'>} */ entry) {
    const code = b64u(randomBytes(24));
    codes.set(code, { ...entry, createdAt: now(), used: false });
    return code;
  }

  /** Mints a key carrying a code's settings; the label defaults to the app name, as OpenRouter's does. */
  function mintKey(/** @type {CodeEntry} */ entry) {
    const key = `sk-or-v1-${randomBytes(32).toString('hex')}`;
    const { settings, app, via } = entry;
    keys.set(key, { ...settings, label: settings.key_label || app, user_id: userId, created_at: new Date(now()).toISOString(), via });
    return key;
  }

  /** A known key that has not expired, or undefined. */
  function liveKey(/** @type {string} */ key) {
    const record = keys.get(key) ?? addedKeys.get(key);
    if (!record || (record.expires_at !== null && Date.parse(record.expires_at) <= now())) return undefined;
    return record;
  }

  /**
   * The request's key, or undefined after answering 401 the way OpenRouter does.
   * @param {import('node:http').IncomingMessage} req
   * @param {Response} res
   */
  function authenticate(req, res) {
    const key = bearer(req);
    const record = key ? liveKey(key) : undefined;
    if (!key) sendJson(res, 401, errorJson(401, 'Missing Authentication header'));
    else if (!record) sendJson(res, 401, errorJson(401, 'User not found.'));
    return record && { key, record };
  }

  /** GET /auth: validate like OpenRouter, then show a consent page. */
  function handleAuth(/** @type {URL} */ url, /** @type {Response} */ res) {
    const q = url.searchParams;
    const callbackUrl = q.get('callback_url');
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : null);
    const problems = [];
    if (callbackUrl !== null) {
      const problem = callbackProblem(callbackUrl);
      if (problem) problems.push(problem);
    } else if (!challenge) {
      problems.push('A code_challenge is required in this mode');
    } else if (method !== 'S256') {
      // Stricter than the guide, which only says "required": its headless example uses S256.
      problems.push('without callback_url, the code_challenge_method must be S256');
    }
    if (method !== null && !CHALLENGE_METHODS.includes(method)) problems.push('unknown code_challenge_method');
    const { settings, problems: settingProblems } = readSettings(queryValues(q), now(), config.ignoreAuthParams);
    problems.push(...settingProblems);
    if (problems.length) {
      sendInvalidRequest(res, problems);
      return;
    }
    const id = b64u(randomBytes(16));
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
  function handleDecision(/** @type {string} */ body, /** @type {Response} */ res) {
    const form = new URLSearchParams(body);
    const id = form.get('request') ?? '';
    const request = requests.get(id);
    if (!request) {
      sendHtml(res, 400, 'Expired', '<h1>This authorization request is no longer valid</h1>');
      return;
    }
    requests.delete(id);
    if (form.get('decision') !== 'approve') {
      if (!request.callbackUrl) {
        sendHtml(res, 200, 'Denied', '<h1>Access denied</h1><p>You can close this page.</p>');
        return;
      }
      res.writeHead(303, { Location: redirectTarget(request, { error: 'access_denied', error_description: 'The user denied access.' }) });
      res.end();
      return;
    }
    const { callbackUrl, challenge, method, settings } = request;
    const app = callbackUrl ? new URL(callbackUrl).host : HEADLESS_APP;
    const code = issueCode({ challenge, method, settings, app, via: callbackUrl ? 'redirect' : 'headless' });
    if (!callbackUrl) {
      sendHtml(
        res,
        200,
        'Your code',
        `<h1>Your authorization code</h1><p>Paste it into the app. It works once, for 10 minutes.</p><p><output id="code">${escapeHtml(code)}</output></p>`,
      );
      return;
    }
    res.writeHead(303, { Location: redirectTarget(request, { code }) });
    res.end();
  }

  /** POST /api/v1/auth/keys: verify the code against its challenge and mint a key. */
  function handleExchange(/** @type {string} */ body, /** @type {Response} */ res) {
    const parsed = safeParse(body);
    if (parsed === undefined) {
      sendJson(res, 400, errorJson(400, 'Invalid JSON body'));
      return;
    }
    const input = asObject(parsed) ?? {};
    if (typeof input.code !== 'string' || input.code === '') {
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
    sendJson(res, 200, JSON.stringify({ key: mintKey(entry), user_id: userId }));
  }

  /** Why a keys/code body's PKCE and callback fields are refused. */
  function codeRequestProblems(/** @type {Record<string, unknown>} */ input) {
    const problems = [];
    const { callback_url: callbackUrl, code_challenge: challenge, code_challenge_method: method } = input;
    if (typeof callbackUrl !== 'string') problems.push('callback_url is required');
    else if (callbackProblem(callbackUrl)) problems.push(callbackProblem(callbackUrl));
    if (challenge !== undefined && typeof challenge !== 'string') problems.push('code_challenge must be a string');
    if (method !== undefined && !CHALLENGE_METHODS.includes(/** @type {string} */ (method))) {
      problems.push('code_challenge_method must be S256 or plain');
    }
    return problems;
  }

  /**
   * POST /api/v1/auth/keys/code: an authenticated app asks for a code directly, with the same
   * key settings /auth takes, and exchanges it at /api/v1/auth/keys like a redirect code.
   * @param {import('node:http').IncomingMessage} req
   * @param {Response} res
   */
  function handleCreateCode(req, /** @type {string} */ body, res) {
    if (!authenticate(req, res)) return;
    const input = jsonObject(body);
    if (!input) {
      sendJson(res, 400, errorJson(400, 'Invalid JSON body'));
      return;
    }
    const { settings, problems: settingProblems } = readSettings(input, now());
    const problems = [...codeRequestProblems(input), ...settingProblems];
    if (problems.length) {
      sendJson(res, 400, errorJson(400, `Invalid request parameters: ${problems.join('; ')}`));
      return;
    }
    const host = new URL(/** @type {string} */ (input.callback_url)).host;
    const challenge = /** @type {string | undefined} */ (input.code_challenge) || null;
    const method = /** @type {string | undefined} */ (input.code_challenge_method) ?? (challenge ? 'plain' : null);
    const code = issueCode({ challenge, method, settings, app: host, via: 'code' });
    const createdAt = new Date(/** @type {CodeEntry} */ (codes.get(code)).createdAt).toISOString();
    sendJson(res, 200, JSON.stringify({ data: { id: code, app_id: appId(host), created_at: createdAt } }));
  }

  /** The getCurrentKey `data` for a key: what it was minted with, and no usage yet. */
  function keyInfo(/** @type {string} */ key, /** @type {KeyRecord} */ record) {
    return {
      label: config.maskedLabel ? maskKey(key) : record.label,
      limit: record.limit,
      limit_remaining: record.limit,
      limit_reset: record.usage_limit_type,
      include_byok_in_limit: false,
      usage: 0,
      usage_daily: 0,
      usage_weekly: 0,
      usage_monthly: 0,
      byok_usage: 0,
      byok_usage_daily: 0,
      byok_usage_weekly: 0,
      byok_usage_monthly: 0,
      expires_at: record.expires_at === null ? null : new Date(record.expires_at).toISOString(),
      is_free_tier: false,
      is_management_key: false,
      is_provisioning_key: false,
      creator_user_id: record.user_id,
      organization_id: null,
      workspace_id: record.workspace_id ?? defaultWorkspaceId,
      allowed_data_regions: ['global'],
      free_model_daily_requests: { limit: 1000, remaining: 1000, used: 0 },
      rate_limit: { requests: -1, interval: '10s', note: 'This field is deprecated and safe to ignore.' },
    };
  }

  /**
   * GET /api/v1/key: what the bearer key carries.
   * @param {import('node:http').IncomingMessage} req
   * @param {Response} res
   */
  function handleKey(req, res) {
    const found = authenticate(req, res);
    if (found) sendJson(res, 200, JSON.stringify({ data: keyInfo(found.key, found.record) }));
  }

  /** POST /__standin/api-keys {key, ...settings}: a key the API accepts without minting it. */
  function addKey(/** @type {Record<string, unknown>} */ input, /** @type {Response} */ res) {
    const { settings, problems } = readSettings(input, now());
    if (typeof input.key !== 'string' || !input.key) problems.unshift('key must be a non-empty string');
    if (problems.length) {
      sendJson(res, 400, errorJson(400, problems.join('; ')));
      return false;
    }
    const label = settings.key_label || 'Stand-in test key';
    addedKeys.set(/** @type {string} */ (input.key), { ...settings, label, user_id: userId, created_at: new Date(now()).toISOString(), via: 'admin' });
    return true;
  }

  /** Admin routes for tests: reset, config, faults, clock, log, keys, api-keys. */
  function handleAdmin(/** @type {string} */ path, /** @type {string} */ method, /** @type {string} */ body, /** @type {Response} */ res) {
    const parsed = body ? safeParse(body) : {};
    if (parsed === undefined) {
      sendJson(res, 400, errorJson(400, 'Admin routes take JSON'));
      return;
    }
    const input = asObject(parsed) ?? {};
    switch (`${method} ${path}`) {
      case 'POST reset':
        reset();
        break;
      case 'POST config': {
        const problem = configProblem(input);
        if (problem) {
          sendJson(res, 400, errorJson(400, problem));
          return;
        }
        config = { ...config, ...input };
        break;
      }
      case 'POST faults':
        faults.push(...(Array.isArray(parsed) ? parsed : [parsed]));
        break;
      case 'POST clock':
        clockOffsetMs += Number(input.advanceMs) || 0;
        break;
      case 'POST api-keys':
        if (!addKey(input, res)) return;
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
   * @param {Response} res
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
    // Every page of the consent flow, so a popup opened onto it loses its opener at once.
    if (config.coop && (url.pathname === '/auth' || url.pathname === '/auth/decision')) {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    }

    const route = ROUTES[url.pathname];
    const fault = route ? takeFault(route) : undefined;
    if (fault?.advanceClockMs) clockOffsetMs += fault.advanceClockMs;
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      req.socket.destroy();
      return;
    }
    if (fault?.dropAfter) {
      // Handled in full below (a code is spent, a key minted), then the answer is lost on the way
      // back: the headers are only stored until end(), which cuts the connection instead.
      const cut = () => {
        req.socket.destroy();
        return res;
      };
      res.end = /** @type {Response['end']} */ (cut);
    }
    if (fault?.status) {
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers });
      res.end(fault.body ?? errorJson(fault.status, 'Injected fault'));
      return;
    }

    if (route && API_METHODS[route] && method !== API_METHODS[route]) {
      sendJson(res, 405, errorJson(405, 'Method Not Allowed'));
    } else if (route === 'exchange') {
      handleExchange(body, res);
    } else if (route === 'code') {
      handleCreateCode(req, body, res);
    } else if (route === 'key') {
      handleKey(req, res);
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
