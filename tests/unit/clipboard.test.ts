import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyToClipboard } from '../../src/ui/clipboard';

const original = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
const setClipboard = (value: unknown) => Object.defineProperty(navigator, 'clipboard', { value, configurable: true });

afterEach(() => {
  if (original) Object.defineProperty(navigator, 'clipboard', original);
  else delete (navigator as { clipboard?: unknown }).clipboard;
});

describe('copyToClipboard', () => {
  it('resolves true once the browser wrote the text', async () => {
    const writeText = vi.fn(async () => {});
    setClipboard({ writeText });
    await expect(copyToClipboard('text')).resolves.toBe(true);
    expect(writeText).toHaveBeenCalledWith('text');
  });

  it('resolves false when the browser refuses', async () => {
    setClipboard({ writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
    await expect(copyToClipboard('text')).resolves.toBe(false);
  });

  it('resolves false, and throws nothing, where the page has no Clipboard API (an insecure context)', async () => {
    setClipboard(undefined);
    let copied: Promise<boolean> | undefined;
    expect(() => (copied = copyToClipboard('text'))).not.toThrow();
    await expect(copied).resolves.toBe(false);
  });
});
