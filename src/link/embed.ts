// What a docs author copies: a prefilled link to Keymint and the <iframe> that embeds it.
import { parseLocalDateTime, toUtcSeconds } from '../wire/expiry';
import { blankForm, FORM_FIELDS, WIRE_NAMES, type FormValues } from '../wire/fields';
import type { LinkMode } from './prefill';

/** Scripts; the frame's own origin, so the popup can hand the code back; popups, free of the sandbox. */
export const SANDBOX = 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/**
 * `pageUrl` with a query that prefills these settings: only what differs from a blank form, never the
 * callback or the challenge method; without `mode`, the reader's page picks its own. `expiresIn` (`7d`) counts from when the reader
 * opens the link and replaces the form's date.
 */
export function prefillLink(pageUrl: string, values: FormValues, mode: LinkMode | undefined, expiresIn = ''): string {
  const query = new URLSearchParams();
  const blank = blankForm('');
  const at = parseLocalDateTime(values.expiresAt);
  for (const field of FORM_FIELDS) {
    const text = field === 'expiresAt' ? expiresIn || (at ? toUtcSeconds(at) : '') : values[field].trim();
    // Links carry neither the callback nor the challenge method: prefill refuses both.
    if (field !== 'callbackUrl' && field !== 'codeChallengeMethod' && text !== blank[field])
      query.set(expiresIn && field === 'expiresAt' ? 'expires_in' : WIRE_NAMES[field], text);
  }
  if (mode) query.set('mode', mode);
  // Relative to the page: replaces its query and fragment; no `?` without a query.
  return new URL('?' + query, pageUrl).href.replace(/\?$/, '');
}

/** The <iframe> markup for a docs page. Framed, Keymint signs in through a popup by default. */
export const embedSnippet = (link: string): string => `<iframe src="${link.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"
  title="Keymint: mint an OpenRouter API key"
  width="100%" height="900" style="border:0"
  allow="clipboard-write"
  sandbox="${SANDBOX}"></iframe>`;
