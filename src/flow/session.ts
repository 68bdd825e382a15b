// One visitor's minting session: starts sign-ins, takes callbacks, runs and retries the exchange,
// and holds the minted key in memory. The UI renders `phase` and calls these methods.
import type { AuthKeysCodeRequestBody } from '../wire/fields';
import type { ExchangeFailure } from '../wire/exchange';
import { apiKey, type ApiKey } from './api-key';
import { decideCallback, type CallbackParams, type RefusedReason } from './callback';
import { createExchanger, type ExchangerOptions } from './exchange';
import { createPendingStore, type PendingFlow } from './pending';
import { signInRequest, type PkceDraft } from './pkce';

export type Phase =
  | { kind: 'idle' }
  | { kind: 'refused'; reason: RefusedReason }
  | { kind: 'denied'; error: string; description?: string }
  | { kind: 'exchanging' }
  | { kind: 'failed'; failure: ExchangeFailure }
  | { kind: 'minted'; key: ApiKey; warning?: string };

export interface SessionOptions extends ExchangerOptions {
  storage: Storage;
  now?: () => number;
}

export interface Session {
  readonly phase: Phase;
  subscribe(listener: () => void): () => void;
  /** Stores the pending flow and returns the /auth URL to open. */
  authorize(body: Partial<AuthKeysCodeRequestBody>, draft: PkceDraft): string;
  /** Handles what `takeCallbackFromUrl` found; no-op for null. */
  intake(params: CallbackParams | null): void;
  /** Sends the kept code and verifier again after a retryable failure. */
  retry(): void;
  /** Drops the key, any kept code and the pending flow it belongs to, and returns to the form. */
  reset(): void;
}

interface Held {
  state: string;
  code: string;
  flow: PendingFlow;
}

export function createSession(options: SessionOptions): Session {
  const now = options.now ?? Date.now;
  const store = createPendingStore(options.storage);
  const exchange = createExchanger(options);
  const listeners = new Set<() => void>();
  let phase: Phase = { kind: 'idle' };
  // The code and verifier waiting for a definitive answer; memory only.
  let held: Held | null = null;

  const set = (next: Phase) => {
    phase = next;
    listeners.forEach((listener) => listener());
  };

  const run = async (job: Held) => {
    set({ kind: 'exchanging' });
    const result = await exchange({ code: job.code, codeVerifier: job.flow.verifier, codeChallengeMethod: job.flow.method });
    if (held !== job) return; // reset while the request was out
    if (result.ok) {
      store.delete(job.state);
      held = null;
      const minted: Phase = { kind: 'minted', key: apiKey(result.key) };
      if (result.warning) minted.warning = result.warning;
      set(minted);
      return;
    }
    if (!result.failure.retryable) {
      store.delete(job.state);
      held = null;
    }
    set({ kind: 'failed', failure: result.failure });
  };

  return {
    get phase() {
      return phase;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    authorize(body, draft) {
      const request = signInRequest(options.origin, body, draft);
      store.save(draft.state, { verifier: draft.verifier, method: request.body.codeChallengeMethod, createdAt: now() });
      return request.url;
    },
    intake(params) {
      store.purge(now());
      if (!params || held) return;
      const decision = decideCallback(params, store, now());
      if (decision.kind === 'exchange') {
        held = { state: decision.state, code: decision.code, flow: decision.flow };
        void run(held);
      } else {
        set(decision.kind === 'denied' ? decision : { kind: 'refused', reason: decision.reason });
      }
    },
    retry() {
      if (held && phase.kind === 'failed' && phase.failure.retryable) void run(held);
    },
    reset() {
      if (held) store.delete(held.state);
      held = null;
      set({ kind: 'idle' });
    },
  };
}
