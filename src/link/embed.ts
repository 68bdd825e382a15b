// What a docs author copies: a prefilled link to Keymint and the <iframe> that embeds it.
import { parseLocalDateTime, toUtcSeconds } from '../wire/expiry';
import type { FormValues } from '../wire/fields';
import type { Mode, Theme } from './prefill';

/** The tokens a sandboxed frame needs: scripts, its own origin for the popup's message, and a popup free of the sandbox. */
export const SANDBOX_TOKENS = ['allow-scripts', 'allow-same-origin', 'allow-popups', 'allow-popups-to-escape-sandbox'] as const;
export const EMBED_HEIGHT_PX = 900;

export interface LinkSettings {
  values: FormValues;
  mode: Mode;
  /** `7d`-style expiry counted from when the reader opens the link; overrides the form's date. */
  expiresIn?: string;
  theme?: Theme;
}

/** The prefill query for these settings: only what differs from a blank form, never the callback. */
export function prefillQuery({ values, mode, expiresIn, theme }: LinkSettings): string {
  const query = new URLSearchParams();
  const put = (name: string, value: string | undefined) => value && query.set(name, value);
  put('key_label', values.keyLabel.trim());
  put('limit', values.limit.trim());
  put('usage_limit_type', values.usageLimitType);
  if (expiresIn) put('expires_in', expiresIn);
  else {
    const at = parseLocalDateTime(values.expiresAt);
    if (at) put('expires_at', toUtcSeconds(at));
  }
  put('workspace_id', values.workspaceId.trim());
  if (values.codeChallengeMethod !== 'S256') put('code_challenge_method', values.codeChallengeMethod);
  put('mode', mode);
  put('theme', theme);
  return query.toString();
}

/** `appUrl` with the query replaced by `query`. */
export function prefillLink(appUrl: string, query: string): string {
  const url = new URL(appUrl);
  url.search = query;
  url.hash = '';
  return url.href;
}

const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The <iframe> markup for a docs page. Framed, Keymint signs in through a popup by default. */
export function embedSnippet(link: string): string {
  return [
    `<iframe src="${attribute(link)}"`,
    `  title="Keymint: mint an OpenRouter API key"`,
    `  width="100%" height="${EMBED_HEIGHT_PX}" style="border:0"`,
    `  allow="clipboard-write"`,
    `  sandbox="${SANDBOX_TOKENS.join(' ')}"></iframe>`,
  ].join('\n');
}
