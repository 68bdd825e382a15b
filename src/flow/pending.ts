// The redirect sign-in waiting in this tab's sessionStorage: the only thing that survives the trip
// to OpenRouter and back. One slot, so starting a sign-in replaces whatever an earlier one left.
// Popup, paste and key sign-ins keep the same record in the session's memory instead.
import type { AuthKeysCodeRequestBody, CodeChallengeMethod } from '../wire/fields';

/**
 * The key settings a sign-in asked for; not secret, kept to compare with what the key got, and
 * `expiresIn` (`7d`) when the expiry was set relative, so that the form gets it back relative.
 */
export type RequestedSettings = Partial<Pick<AuthKeysCodeRequestBody, 'keyLabel' | 'limit' | 'usageLimitType' | 'expiresAt' | 'workspaceId'>> & {
  expiresIn?: string;
};

export interface PendingFlow {
  state: string;
  verifier: string;
  method: CodeChallengeMethod;
  createdAt: number;
  requested: RequestedSettings;
}

/** OpenRouter's codes live 10 minutes; a flow older than that cannot succeed. */
export const FLOW_TTL_MS = 10 * 60 * 1000;

/** A flow created at `createdAt` is younger than 10 minutes at `now` (and not from the future). */
export const isFresh = (createdAt: number, now: number) => createdAt <= now && now - createdAt < FLOW_TTL_MS;

export const PENDING_KEY = 'keymint.signin';
// States we generate are 43 base64url characters.
const STATE_RE = /^[A-Za-z0-9_-]{16,128}$/;

/** The flow stored as `text` if it is well-formed and younger than 10 minutes at `now`. */
function liveFlow(text: string | null, now: number): PendingFlow | null {
  try {
    // A null (nothing stored) parses as null.
    const flow = JSON.parse(text!) as PendingFlow | null;
    if (
      typeof flow?.state === 'string' &&
      STATE_RE.test(flow.state) &&
      typeof flow.verifier === 'string' &&
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
  save(flow: PendingFlow): void;
  /** The waiting flow; a stale or damaged one is removed instead. */
  load(now: number): PendingFlow | null;
  clear(): void;
}

/** The slot in `storage`; with null (no sessionStorage here) nothing is ever waiting. */
export function createPendingStore(storage: Storage | null): PendingStore {
  const clear = () => storage?.removeItem(PENDING_KEY);
  return {
    save: (flow) => storage?.setItem(PENDING_KEY, JSON.stringify(flow)),
    load(now) {
      const flow = liveFlow(storage?.getItem(PENDING_KEY) ?? null, now);
      if (!flow) clear();
      return flow;
    },
    clear,
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
