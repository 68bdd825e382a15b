// One visitor's minting session: at most one live sign-in per tab, whatever its mode. It starts
// sign-ins through one path, takes the answer that belongs to the live one, runs and retries the
// exchange, and holds the minted key in memory. The UI renders `phase` and calls these methods.
import type { Attribution } from '../wire/create-code';
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import { mayHaveActed, type ApiFailure, type Failed } from '../wire/answer';
import type { KeyLinks } from '../wire/key-links';
import { SIGN_IN_MODES, type SignInMode } from '../wire/sign-in-modes';
import { apiKey, type ApiKey } from './api-key';
import { answerFromPaste, decideCallback, type CallbackDecision, type CallbackSource, type IgnoredReason } from './callback';
import type { CallbackParams } from './callback-url';
import { exchangeCode } from './exchange';
import type { ApiOptions } from './http';
import { checkApplied, type AppliedCheck } from './key-check';
import { createAuthCode } from './create-code';
import type { PopupBlock, PopupWindow, SignInNavigator } from './navigators';
import { createPendingStore, FLOW_TTL_MS, isFresh, type PendingFlow, type RequestedSettings } from './pending';
import { signInRequest, type PkceDraft } from './pkce';
import { readCallbackMessage } from './popup';

/** Why a pasted answer was not taken. */
export type PasteProblem = 'shape' | 'other-sign-in';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'ignored'; reason: IgnoredReason | 'expired' }
  | { kind: 'denied'; error: string; description?: string }
  /**
   * `lost`: the popup reads as closed; `unproven`: its window sent an answer Keymint could not tie to
   * this sign-in, which still waits for the right one.
   */
  | {
      kind: 'waiting';
      mode: 'popup' | 'paste';
      url: string;
      body: Partial<AuthKeysCodeRequestBody>;
      lost?: boolean;
      unproven?: boolean;
      pasteProblem?: PasteProblem;
    }
  | { kind: 'blocked'; cause: PopupBlock }
  | { kind: 'exchanging'; step?: 'code' }
  /** `maybeMinted`: an earlier try of this exchange may have minted a key (see mayHaveActed), and now the code is spent. */
  | { kind: 'failed'; failure: ApiFailure; step?: 'code'; maybeMinted?: boolean }
  | Minted;

export interface Minted {
  kind: 'minted';
  key: ApiKey;
  /** The key is not of the usual `sk-or-v1-` form; it may still work. */
  unusualFormat?: true | undefined;
  check: AppliedCheck;
  /** OpenRouter's settings and activity pages for this key, once its hash is known. */
  links?: KeyLinks;
}

/** How often a popup is checked for being closed, and how long a closed one may still deliver. */
export const POPUP_POLL_MS = 500;
export const POPUP_GRACE_MS = 2000;

export interface SessionOptions extends ApiOptions {
  /** sessionStorage for redirect sign-ins; null where the page has none (sandboxed frame). */
  storage: Storage | null;
  /** This page's own origin: popup messages must come from it. */
  appOrigin: string;
  now?: () => number;
}

interface SignInBase {
  /** The request body as `deriveRequest` made it for this mode. */
  body: Partial<AuthKeysCodeRequestBody>;
  /** The expiry as the person set it relative (`7d`), if so. */
  expiresIn?: string | undefined;
  draft: PkceDraft;
}

/** What starts a sign-in: OpenRouter's page through a navigator, or the API with a key the person has. */
export type SignInStart =
  | (SignInBase & { mode: Exclude<SignInMode, 'key'>; navigator: SignInNavigator })
  | (SignInBase & { mode: 'key'; existingKey: string; attribution: Attribution });

export interface Session {
  readonly phase: Phase;
  /** Calls `listener` on every phase change, until the returned function is called. */
  subscribe(listener: () => void): () => void;
  /**
   * Starts a sign-in, ending any earlier one of this tab first (its verifier leaves storage and
   * memory, its window closes). Nothing starts while a request is out or a key is on screen: then
   * it returns false.
   */
  start(signIn: SignInStart): boolean;
  /** No usable popup could be opened. */
  popupBlocked(cause: PopupBlock): void;
  /** A `message` event: only the live popup sign-in's window may answer. */
  message(event: Pick<MessageEvent, 'origin' | 'source' | 'data'>): void;
  /** A code the person pasted (or a whole callback URL) for the waiting popup or paste sign-in. */
  paste(text: string): void;
  /**
   * Takes up a redirect sign-in left in storage, then handles what `takeCallbackFromUrl` found, if
   * anything. Returns the settings that stored sign-in asked for, with its method, for the form to
   * show again whatever the answer: nobody retypes them after a denial.
   */
  intake(
    params: CallbackParams | null,
    source: Omit<CallbackSource, 'via'>,
  ): (RequestedSettings & Pick<AuthKeysCodeRequestBody, 'codeChallengeMethod'>) | undefined;
  /** Sends the kept request again after a retryable failure, or checks a minted key's settings again after that check failed. */
  retry(): void;
  /** Ends the live sign-in, drops the key and any request kept for Retry, and returns to the form. */
  reset(): void;
}

/** The one live sign-in: the stored flow, its mode and, for a popup, its window. */
interface LiveSignIn extends PendingFlow {
  mode: SignInMode;
  window: PopupWindow | null;
}

export function createSession(options: SessionOptions): Session {
  const now = options.now ?? Date.now;
  const store = createPendingStore(options.storage);
  const listeners = new Set<() => void>();
  let phase: Phase = { kind: 'idle' };
  let live: LiveSignIn | null = null;
  // The request Retry sends again after a retryable failure: the exchange, with its code and
  // verifier, or the create-code request. Memory only; a new sign-in or a reset drops it.
  let again: (() => void) | null = null;

  /** A request is out or a key is on screen: no sign-in starts, and none ends, over either. */
  const busy = () => phase.kind === 'exchanging' || phase.kind === 'minted';

  const set = (next: Phase) => {
    phase = next;
    listeners.forEach((listener) => listener());
  };

  /** Ends the live sign-in: its verifier leaves storage and memory, its window closes, and Retry has nothing left to send. */
  const end = () => {
    again = null;
    store.clear();
    live?.window?.close();
    live = null;
  };

  /**
   * Sends a request to OpenRouter in an 'exchanging' phase (step 'code' for the create-code
   * request) and hands its result on, unless the session moved on meanwhile; a retryable failure is
   * kept for Retry. `uncertain`: OpenRouter may have carried out an earlier try (see mayHaveActed).
   */
  const send = async <Done extends { ok: true }>(
    step: 'code' | undefined,
    request: () => Promise<Done | Failed>,
    then: (done: Done) => unknown,
    uncertain = false,
  ) => {
    again = null;
    const sending: Phase = { kind: 'exchanging', step };
    set(sending);
    const result = await request();
    if (phase !== sending) return; // reset while the request was out
    if (result.ok) return void then(result);
    const { failure } = result;
    if (failure.retryable) again = () => void send(step, request, then, uncertain || mayHaveActed(failure));
    // The exchange may have minted a key before its answer was lost: a spent code now says so.
    const maybeMinted = !step && uncertain && failure.status === 403 ? true : undefined;
    set({ kind: 'failed', failure, step, maybeMinted });
  };

  /** Exchanges `code` for the sign-in `flow`, which ends: Retry keeps the code and verifier in memory only. */
  const exchange = (code: string, flow: PendingFlow) => {
    end();
    return send(
      undefined,
      () => exchangeCode(options, { code, codeVerifier: flow.verifier, codeChallengeMethod: flow.method }),
      async ({ key, unusualFormat }) => {
        // What OpenRouter says the new key really has, against what was asked for: a failure here is
        // reported beside the key, never instead of it, and one that failed can be tried again.
        const check = async (checking: Minted) => {
          set(checking);
          const checked = await checkApplied(options, key, flow.requested);
          if (phase !== checking) return; // forgotten meanwhile
          set({ ...checking, ...checked });
          again = checked.check.kind === 'unchecked' ? () => void check({ ...checking, links: checked.links }) : null;
        };
        await check({ kind: 'minted', key: apiKey(key), unusualFormat, check: { kind: 'checking' } });
      },
    );
  };

  /** Acts on a decision about an answer for the live sign-in. An ignored answer changes nothing pending. */
  const act = (decision: CallbackDecision, flow: LiveSignIn | null) => {
    // Only the live sign-in's answer is ever exchanged (see decideCallback).
    if (decision.kind === 'exchange') return void exchange(decision.code, flow!);
    if (decision.kind === 'denied') end();
    set(decision);
  };

  /** Waits for a popup or paste sign-in's answer; it ends by itself after 10 minutes. */
  const wait = (signIn: LiveSignIn, mode: 'popup' | 'paste', { url, body }: { url: string; body: Partial<AuthKeysCodeRequestBody> }) => {
    setTimeout(() => {
      if (live !== signIn) return;
      end();
      set({ kind: 'ignored', reason: 'expired' });
    }, FLOW_TTL_MS);
    const popup = signIn.window;
    if (popup) {
      // Polls the popup's `closed`. A consent page that sends Cross-Origin-Opener-Policy makes it read
      // true while the window is still open, so a closed popup does not end the sign-in: after a
      // grace period for a message already on its way, the person can paste a code the window shows.
      const poll = setInterval(() => {
        if (live === signIn && !popup.closed) return;
        clearInterval(poll);
        setTimeout(() => {
          if (live !== signIn || phase.kind !== 'waiting') return;
          signIn.window = null;
          set({ ...phase, lost: true });
        }, POPUP_GRACE_MS);
      }, POPUP_POLL_MS);
    }
    set({ kind: 'waiting', mode, url, body });
  };

  return {
    get phase() {
      return phase;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    start(signIn) {
      if (busy()) return false;
      end();
      const { mode, draft } = signIn;
      const request = signInRequest(options.origin, signIn.body, draft);
      const { callbackUrl: _callback, codeChallenge: _challenge, codeChallengeMethod: method, ...requested } = request.body;
      const flow: LiveSignIn = {
        mode,
        state: draft.state,
        verifier: draft.verifier,
        method,
        createdAt: now(),
        requested: { ...requested, expiresIn: signIn.expiresIn },
        window: null,
      };
      live = flow;
      if (signIn.mode === 'key') {
        // The new code belongs to this sign-in alone: it is exchanged at once, with the verifier.
        const { existingKey, attribution } = signIn;
        void send(
          'code',
          () => createAuthCode(options, { apiKey: existingKey, body: request.body, attribution, secrets: [draft.verifier] }),
          ({ code }) => live === flow && exchange(code, flow),
        );
        return true;
      }
      const { navigator } = signIn;
      if (SIGN_IN_MODES[mode].persists) {
        // Nothing else waits in this tab's storage: `end` emptied the one slot.
        const { mode: _mode, window: _window, ...stored } = flow;
        store.save(stored);
      } else {
        flow.window = navigator.window ?? null;
        wait(flow, signIn.mode === 'popup' ? 'popup' : 'paste', request);
      }
      navigator.open(request.url);
      return true;
    },
    popupBlocked(cause) {
      // As for start: never over a request that is out or a key on screen.
      if (busy()) return;
      // A sign-in was being started: the earlier one ends all the same.
      end();
      set({ kind: 'blocked', cause });
    },
    message(event) {
      // Only the live sign-in's own window, and not while an exchange runs.
      if (!live?.window || event.source !== live.window || phase.kind === 'exchanging') return;
      const message = readCallbackMessage(event, options.appOrigin);
      if (!message) return;
      const decision = decideCallback(message.params, live, { via: 'popup', exposed: false, sender: message.sender }, now());
      if (decision.kind === 'ignored') {
        // Another sign-in's answer, a malformed one, or one Keymint cannot tie to this sign-in (another
        // page in the window may have sent it): the window may still bring the right one, so the
        // sign-in goes on. Only the unproven answer is said: OpenRouter itself may have sent it.
        if (decision.reason === 'unproven' && phase.kind === 'waiting') set({ ...phase, unproven: true });
        return;
      }
      // Taken: the window closes.
      act(decision, live);
    },
    paste(text) {
      if (!live || phase.kind !== 'waiting') return;
      const answer = answerFromPaste(text);
      // A whole callback URL with a state must carry the live sign-in's.
      const problem: PasteProblem | undefined = !answer ? 'shape' : answer.state !== undefined && answer.state !== live.state ? 'other-sign-in' : undefined;
      if (problem) return set({ ...phase, pasteProblem: problem });
      if (!isFresh(live.createdAt, now())) {
        end();
        return set({ kind: 'ignored', reason: 'expired' });
      }
      // The person carried the code from OpenRouter's page themselves.
      void exchange(answer!.code, live);
    },
    intake(params, source) {
      const stored = store.load(now()); // also drops a stale or damaged one
      if (stored && !live) live = { ...stored, mode: 'redirect', window: null };
      if (params && phase.kind !== 'exchanging') act(decideCallback(params, live, { ...source, via: 'address' }, now()), live);
      return stored ? { ...stored.requested, codeChallengeMethod: stored.method } : undefined;
    },
    retry() {
      if (phase.kind === 'failed' || phase.kind === 'minted') again?.();
    },
    reset() {
      end();
      set({ kind: 'idle' });
    },
  };
}
