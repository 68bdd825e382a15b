// A fetch that never answers and rejects only when aborted, as fetch does: for timeout tests.
import { vi } from 'vitest';

export function hangingFetch() {
  const seen: { signal?: AbortSignal | undefined } = {};
  const fetch = vi.fn(
    (_: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        seen.signal = init?.signal ?? undefined;
        seen.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }),
  );
  return { fetch, aborted: () => seen.signal?.aborted };
}
