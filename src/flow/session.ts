// One visitor's minting session: starts sign-ins (redirect, popup or paste-code), takes what comes
// back, runs and retries the exchange, and holds the minted key in memory. The UI renders `phase`
// and calls these methods.
import type { Attribution } from '../wire/create-code';
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import type { ApiFailure, Failed } from '../wire/answer';
import type { KeyLinks } from '../wire/key-links';
import { apiKey, type ApiKey } from './api-key';
import { codeFromPaste, decideCallback, type RefusedReason } from './callback';
import type { CallbackParams } from './callback-url';
import { exchangeCode } from './exchange';
import type { ApiOptions } from './http';
import { checkKey, type KeyCheck } from './key-check';
import { createAuthCode } from './create-code';
import { createPendingStore, FLOW_TTL_MS, isFresh, type PendingFlow } from './pending';
import { signInRequest, type PkceDraft } from './pkce';
import { acceptCallbackMessage } from './popup';
import type { PopupBlock } from './popup-open';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'refused'; reason: RefusedReason | 'expired'; code?: string }
  | { kind: 'denied'; error: string; description?: string }
  | { kind: 'waiting'; via: 'popup' | 'paste'; url: string; lost?: boolean; pasteError?: string }
  | { kind: 'blocked'; cause: PopupBlock }
  | { kind: 'exchanging'; step?: 'code' }
  | { kind: 'failed'; failure: ApiFailure; step?: 'code' }
  | Minted;

export type { KeyCheck };

export interface Minted {
  kind: 'minted';
  key: ApiKey;
  warning?: string;
  check: KeyCheck;
  /** OpenRouter's settings and activity pages for this key, once its hash is known. */
  links?: KeyLinks;
}

/** How often a popup is checked for being closed, and how long a closed one may still deliver. */
export const POPUP_POLL_MS = 500;
export const POPUP_GRACE_MS = 2000;

/** What the session needs of the popup window it was given. */
export interface PopupWindow {
  readonly closed: boolean;
  location: { replace(url: string): void };
  close(): void;
}

export interface SessionOptions extends ApiOptions {
  /** sessionStorage for redirect sign-ins; null where the page has none (sandboxed frame). */
  storage: Storage | null;
  /** This page's own origin: popup messages must come from it. */
  appOrigin: string;
  now?: () => number;
}

export interface Session {
  readonly phase: Phase;
  /** Calls `listener` on every phase change, for the page's lifetime. */
  subscribe(listener: () => void): void;
  /** Redirect sign-in: stores the pending flow in sessionStorage and returns the /auth URL to open. */
  authorize(body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft): string;
  /** Popup sign-in: keeps the verifier in memory and sends the already open popup to /auth. */
  openPopup(body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft, popup: PopupWindow): void;
  /** No usable popup could be opened. */
  popupBlocked(cause: PopupBlock): void;
  /** Paste-code sign-in: no callback, S256 only, verifier in memory; returns the /auth URL to open. */
  openPaste(body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft): string;
  /** A `message` event: exchanges only what the popup guard accepts. */
  message(event: Pick<MessageEvent, 'origin' | 'source' | 'data'>): void;
  /** A code the person pasted (or a whole callback URL) for the waiting popup or paste flow. */
  paste(text: string): void;
  /**
   * Mints with a key the person already has: creates the code with POST /api/v1/auth/keys/code and
   * exchanges it at once with the verifier, which never leaves memory.
   */
  mintWithKey(existingKey: string, body: Partial<AuthKeysCodeRequestBody>, attribution: Attribution, draft: PkceDraft): void;
  /** Handles what `takeCallbackFromUrl` found; no-op for null. */
  intake(params: CallbackParams | null): void;
  /** Sends the kept code and verifier (or the create-code request) again after a retryable failure. */
  retry(): void;
  /** Drops the key, any request kept for Retry and the waiting flow, and returns to the form. */
  reset(): void;
}

/** The popup or paste flow waiting in memory, with its state; at most one per page. */
interface Waiting extends PendingFlow {
  state: string;
  popup: PopupWindow | null;
}

export function createSession(options: SessionOptions): Session {
  const now = options.now ?? Date.now;
  const redirects = createPendingStore(options.storage);
  const listeners = new Set<() => void>();
  let phase: Phase = { kind: 'idle' };
  let waiting: Waiting | null = null;
  // The request Retry sends again after a retryable failure: the exchange, with its code and
  // verifier, or the create-code request. Memory only; a new sign-in or a reset drops it.
  let again: (() => void) | null = null;

  const set = (next: Phase) => {
    phase = next;
    listeners.forEach((listener) => listener());
  };

  /**
   * Signs `body` with the draft. The flow keeps the sign-in's verifier, method and asked-for key
   * settings (the body without callback and challenge), for the exchange.
   */
  const sign = (body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft) => {
    again = null;
    const request = signInRequest(options.origin, body, draft);
    const { callbackUrl: _callback, codeChallenge: _challenge, codeChallengeMethod: method, ...requested } = request.body;
    const flow: PendingFlow = { verifier: draft.verifier, method, createdAt: now(), requested };
    return { ...request, flow };
  };

  /**
   * Sends a request to OpenRouter in an 'exchanging' phase (step 'code' for the create-code
   * request) and hands its result on, unless the session moved on meanwhile; a retryable failure is
   * kept for Retry.
   */
  const send = async <Done extends { ok: true }>(step: 'code' | undefined, request: () => Promise<Done | Failed>, then: (done: Done) => unknown) => {
    again = null;
    const sending: Phase = { kind: 'exchanging', step };
    set(sending);
    const result = await request();
    if (phase !== sending) return; // reset while the request was out
    if (result.ok) void then(result);
    else {
      if (result.failure.retryable) again = () => void send(step, request, then);
      set({ kind: 'failed', failure: result.failure, step });
    }
  };

  const exchange = (code: string, flow: PendingFlow) =>
    send(undefined, () => exchangeCode(options, { code, codeVerifier: flow.verifier, codeChallengeMethod: flow.method }), async ({ key, warning }) => {
      const minted: Minted = { kind: 'minted', key: apiKey(key), warning, check: { kind: 'checking' } };
      set(minted);
      // What OpenRouter says the new key really has, against what was asked for: a failure here is
      // reported beside the key, never instead of it.
      const checked = await checkKey(options, key, flow.requested);
      if (phase === minted) set({ ...minted, ...checked }); // unless forgotten or replaced meanwhile
    });

  /** Acts on callback parameters against the live flows that may have started the sign-in. */
  const take = (params: CallbackParams, live: Array<[string, PendingFlow]>) => {
    const decision = decideCallback(params, live);
    if (decision.kind === 'exchange') void exchange(decision.code, decision.flow);
    else set(decision);
    return decision;
  };

  /**
   * Ends the waiting flow with its callback, whatever the decision. Only that flow can match, while
   * it is younger than 10 minutes.
   */
  const takeMemory = (params: CallbackParams, flow: Waiting) => {
    waiting = null;
    take(params, isFresh(flow.createdAt, now()) ? [[flow.state, flow]] : []);
  };

  /**
   * Starts a popup or paste sign-in with its verifier in memory, and returns the /auth URL. The flow
   * ends by itself after 10 minutes.
   */
  const wait = (via: 'popup' | 'paste', body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft, popup: PopupWindow | null) => {
    const { url, flow } = sign(body, draft);
    const entry: Waiting = { ...flow, state: draft.state, popup };
    waiting = entry;
    // The timers act only while this flow still waits: an answer, a reset or another flow ends it.
    setTimeout(() => {
      if (waiting !== entry) return;
      waiting = null;
      set({ kind: 'refused', reason: 'expired' });
    }, FLOW_TTL_MS);
    if (popup) {
      // Polls the popup's `closed`. A consent page that sends Cross-Origin-Opener-Policy makes it read
      // true while the window is still open, so a closed popup does not end the flow: after a grace
      // period for a message already on its way, the popup may no longer deliver, and the person can
      // paste a code the page shows them until the flow's 10 minutes are up.
      const poll = setInterval(() => {
        if (waiting === entry && !popup.closed) return;
        clearInterval(poll);
        setTimeout(() => {
          if (waiting !== entry || phase.kind !== 'waiting') return;
          entry.popup = null;
          set({ ...phase, lost: true });
        }, POPUP_GRACE_MS);
      }, POPUP_POLL_MS);
    }
    set({ kind: 'waiting', via, url });
    return url;
  };

  return {
    get phase() {
      return phase;
    },
    subscribe(listener) {
      listeners.add(listener);
    },
    authorize(body, draft) {
      const { url, flow } = sign(body, draft);
      redirects.save(draft.state, flow);
      return url;
    },
    openPopup(body, draft, popup) {
      popup.location.replace(wait('popup', body, draft, popup));
    },
    popupBlocked(cause) {
      set({ kind: 'blocked', cause });
    },
    openPaste({ callbackUrl: _, ...body }, draft) {
      // Headless mode: OpenRouter shows the code instead of redirecting, and requires S256.
      return wait('paste', { ...body, codeChallengeMethod: 'S256' }, draft, null);
    },
    message(event) {
      if (!waiting?.popup) return; // no popup to trust
      const params = acceptCallbackMessage(event, { ownOrigin: options.appOrigin, flow: waiting, busy: phase.kind === 'exchanging', now: now() });
      if (!params) return;
      waiting.popup.close();
      takeMemory(params, waiting);
    },
    paste(text) {
      if (!waiting || phase.kind !== 'waiting') return;
      const code = codeFromPaste(text);
      if (code) takeMemory({ code, repeated: false }, waiting);
      else set({ ...phase, pasteError: 'Paste the code OpenRouter showed: one word of letters, digits, - and _.' });
    },
    mintWithKey(existingKey, body, attribution, draft) {
      if (phase.kind === 'exchanging') return;
      waiting = null;
      const { body: signed, flow } = sign(body, draft);
      // The new code belongs to this flow alone: it is exchanged at once, with the verifier.
      void send(
        'code',
        () => createAuthCode(options, { apiKey: existingKey, body: signed, attribution, secrets: [draft.verifier] }),
        ({ code }) => exchange(code, flow),
      );
    },
    intake(params) {
      const live = redirects.live(now()); // also drops stale flows, callback or not
      if (!params || phase.kind === 'exchanging') return;
      // A taken code or a denial ends the flow it names or, without a state, every flow waiting in
      // this tab (for a code, the only one). Retry keeps a taken code and its verifier in memory.
      if (take(params, live).kind !== 'refused') {
        for (const [state] of live) {
          if (params.state === undefined || state === params.state) redirects.delete(state);
        }
      }
    },
    retry() {
      if (phase.kind === 'failed') again?.();
    },
    reset() {
      again = null;
      waiting = null;
      set({ kind: 'idle' });
    },
  };
}
