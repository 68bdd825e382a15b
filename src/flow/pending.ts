// Pending sign-ins, one per state, in sessionStorage: the only thing that survives the redirect.
// Popup, paste and key sign-ins keep their flow in the session's memory instead.
import type { AuthKeysCodeRequestBody, CodeChallengeMethod } from '../wire/fields';

/** The key settings a sign-in asked for; not secret, kept to compare with what the key got. */
export type RequestedSettings = Partial<Pick<AuthKeysCodeRequestBody, 'keyLabel' | 'limit' | 'usageLimitType' | 'expiresAt' | 'workspaceId'>>;

export interface PendingFlow {
  verifier: string;
  method: CodeChallengeMethod;
  createdAt: number;
  requested: RequestedSettings;
}

/** OpenRouter's codes live 10 minutes; a flow older than that cannot succeed. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

/** A flow created at `createdAt` is younger than 10 minutes at `now` (and not from the future). */
export const isFresh = (createdAt: number, now: number) => createdAt <= now && now - createdAt < FLOW_TTL_MS;

const PREFIX = 'keymint.flow.';
// States we generate are 43 base64url characters; anything else is never stored.
const STATE_RE = /^[A-Za-z0-9_-]{16,128}$/;

/** The flow stored as `text` if it is well-formed and younger than 10 minutes at `now`. */
function liveFlow(text: string | null, now: number): PendingFlow | null {
  try {
    // A null (an entry removed meanwhile) parses as null.
    const flow = JSON.parse(text!) as PendingFlow | null;
    if (
      typeof flow?.verifier === 'string' &&
      (flow.method === 'S256' || flow.method === 'plain') &&
      typeof flow.createdAt === 'number' &&
      isFresh(flow.createdAt, now) &&
      flow.requested?.constructor === Object
    ) {
      return flow;
    }
  } catch {
    // A damaged entry is treated as absent.
  }
  return null;
}

export interface PendingStore {
  save(state: string, flow: PendingFlow): void;
  delete(state: string): void;
  /** Live flows, in no particular order; flows older than 10 minutes and damaged entries are dropped. */
  live(now: number): Array<[string, PendingFlow]>;
}

/** The flows in `storage`; with null (no sessionStorage here) there are none, and none can be saved. */
export function createPendingStore(storage: Storage | null): PendingStore {
  return {
    save(state, flow) {
      if (STATE_RE.test(state)) storage?.setItem(PREFIX + state, JSON.stringify(flow));
    },
    delete: (state) => storage?.removeItem(PREFIX + state),
    live(now) {
      const live: Array<[string, PendingFlow]> = [];
      if (!storage) return live;
      // The keys are listed first, so removing an entry does not disturb the walk.
      for (const key of Object.keys(storage)) {
        if (!key.startsWith(PREFIX)) continue;
        const flow = liveFlow(storage.getItem(key), now);
        if (flow) live.push([key.slice(PREFIX.length), flow]);
        else storage.removeItem(key);
      }
      return live;
    },
  };
}

/** `window.sessionStorage`, or null where merely touching it throws (sandboxed, opaque origin). */
export function sessionStorageOf(win: Pick<Window, 'sessionStorage'>): Storage | null {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}
