/**
 * Copies `text`; resolves to whether the browser allowed it. Never throws: where the page has no
 * Clipboard API (an insecure context, an old browser) it resolves to false too.
 */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    // Called before the first await, within the press that asked for it.
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
