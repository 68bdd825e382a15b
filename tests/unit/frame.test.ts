import { describe, expect, it, vi } from 'vitest';
import { embeddingOf, HEIGHT_MESSAGE, pageLimitsOf, reportHeight, type Embedding } from '../../src/flow/frame';
import { sessionStorageOf } from '../../src/flow/pending';

const win = (over: { framed?: boolean; ancestors?: string[]; referrer?: string; origin?: string }) => {
  const self = {};
  return {
    self,
    top: over.framed ? {} : self,
    origin: over.origin ?? 'https://keymint.example',
    location: { ancestorOrigins: over.ancestors ? Object.assign([...over.ancestors], { contains: () => false, item: () => null }) : undefined },
    document: { referrer: over.referrer ?? '' },
  } as never;
};

describe('embedding', () => {
  it('is top-level when top is self', () => {
    expect(embeddingOf(win({}))).toEqual({ framed: false, parentOrigin: null, opaqueOrigin: false });
  });

  it('names the parent from ancestorOrigins, else from the referrer', () => {
    expect(embeddingOf(win({ framed: true, ancestors: ['https://docs.example.com', 'https://top.example'] })).parentOrigin).toBe('https://docs.example.com');
    expect(embeddingOf(win({ framed: true, referrer: 'https://docs.example.com/page?x=1' })).parentOrigin).toBe('https://docs.example.com');
    expect(embeddingOf(win({ framed: true })).parentOrigin).toBeNull();
    expect(embeddingOf(win({ framed: true, referrer: 'not a url' })).parentOrigin).toBeNull();
  });

  it('notices an opaque origin (sandbox without allow-same-origin)', () => {
    expect(embeddingOf(win({ framed: true, origin: 'null' })).opaqueOrigin).toBe(true);
  });

  it('posts only {type, height} to the parent, to the parent origin when known', async () => {
    const postMessage = vi.fn();
    Object.defineProperty(window, 'parent', { value: { postMessage }, configurable: true });
    Object.defineProperty(document.documentElement, 'offsetHeight', { value: 640, configurable: true });
    const stop = reportHeight(window, 'https://docs.example.com');
    await vi.waitFor(() => expect(postMessage).toHaveBeenCalled());
    expect(postMessage).toHaveBeenCalledWith({ type: HEIGHT_MESSAGE, height: 640 }, 'https://docs.example.com');
    for (const [data] of postMessage.mock.calls) expect(Object.keys(data as object).sort()).toEqual(['height', 'type']);
    stop();
  });
});

describe('storage', () => {
  it('treats sessionStorage that throws on access (sandbox) as absent', () => {
    const sandboxed = {
      get sessionStorage(): Storage {
        throw new DOMException('The document is sandboxed', 'SecurityError');
      },
    };
    expect(sessionStorageOf(sandboxed)).toBeNull();
    expect(sessionStorageOf(window)).toBe(window.sessionStorage);
  });
});

describe('page limits', () => {
  const top: Embedding = { framed: false, parentOrigin: null, opaqueOrigin: false };
  const secure = { isSecureContext: true, crypto: { subtle: {} } } as never;
  const storage = {} as Storage;

  it('are none for a secure top-level page with storage', () => {
    expect(pageLimitsOf(secure, top, storage)).toEqual([]);
  });

  it('name an insecure context, or one without Web Crypto’s digest', () => {
    expect(pageLimitsOf({ isSecureContext: false, crypto: { subtle: {} } } as never, top, storage)).toEqual(['insecure']);
    expect(pageLimitsOf({ isSecureContext: true, crypto: {} } as never, top, storage)).toEqual(['insecure']);
    expect(pageLimitsOf({ isSecureContext: true } as never, top, storage)).toEqual(['insecure']);
  });

  it('name a frame, missing storage and an opaque origin, each on its own', () => {
    expect(pageLimitsOf(secure, { ...top, framed: true, parentOrigin: 'https://docs.example.com' }, storage)).toEqual(['framed']);
    expect(pageLimitsOf(secure, top, null)).toEqual(['no-storage']);
    expect(pageLimitsOf(secure, { ...top, opaqueOrigin: true }, storage)).toEqual(['opaque-origin']);
  });

  it('list every limit at once, in table order: a sandboxed frame without allow-same-origin on http://', () => {
    expect(pageLimitsOf({ isSecureContext: false, crypto: undefined } as never, { framed: true, parentOrigin: null, opaqueOrigin: true }, null)).toEqual([
      'insecure',
      'framed',
      'no-storage',
      'opaque-origin',
    ]);
  });
});
