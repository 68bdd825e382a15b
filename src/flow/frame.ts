// Life inside a docs page's <iframe>: who embeds us, what the sandbox took away, and the one thing
// we ever tell the parent, our height. Nothing is read from the parent and no secret is posted to it.
import type { PageLimit } from '../wire/sign-in-modes';

export const HEIGHT_MESSAGE = 'keymint:height';

export interface Embedding {
  framed: boolean;
  /** The embedding page's origin, when the browser tells us. */
  parentOrigin: string | null;
  /** Sandboxed without allow-same-origin: our origin is opaque, so the popup's message cannot reach us. */
  opaqueOrigin: boolean;
}

type FrameWindow = Pick<Window, 'self' | 'top' | 'origin'> & {
  location: Pick<Location, 'ancestorOrigins'> | { ancestorOrigins?: DOMStringList };
  document: Pick<Document, 'referrer'>;
};

/** The origin of a URL; null for an empty, unparsable or opaque one. */
function originOf(text: string): string | null {
  try {
    const origin = new URL(text).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

export function embeddingOf(win: FrameWindow): Embedding {
  const framed = win.top !== win.self;
  // ancestorOrigins (Chromium, WebKit) names the parent even when it sends no referrer.
  const parentOrigin = framed ? originOf(win.location.ancestorOrigins?.[0] ?? win.document.referrer) : null;
  return { framed, parentOrigin, opaqueOrigin: win.origin === 'null' };
}

/**
 * Posts `{type, height}` to the parent whenever the page's height changes, so the host can size the
 * frame. Returns a function that stops it.
 */
export function reportHeight(win: Window, parentOrigin: string | null): () => void {
  const root = win.document.documentElement;
  let last = -1;
  const send = () => {
    const height = root.offsetHeight;
    if (height === last) return;
    last = height;
    // Only a number crosses, so an unknown parent may read it.
    win.parent.postMessage({ type: HEIGHT_MESSAGE, height }, parentOrigin ?? '*');
  };
  const observer = new ResizeObserver(send);
  observer.observe(root);
  send();
  return () => observer.disconnect();
}

/** What this page lacks or is that stops some sign-in modes (see SIGN_IN_MODES). */
export function pageLimitsOf(win: Pick<Window, 'isSecureContext' | 'crypto'>, embedding: Embedding, storage: Storage | null): PageLimit[] {
  const limits: PageLimit[] = [];
  // Browsers give Web Crypto's digest only to secure contexts: https, or http on localhost.
  if (!win.isSecureContext || !win.crypto?.subtle) limits.push('insecure');
  if (embedding.framed) limits.push('framed');
  if (!storage) limits.push('no-storage');
  if (embedding.opaqueOrigin) limits.push('opaque-origin');
  return limits;
}
