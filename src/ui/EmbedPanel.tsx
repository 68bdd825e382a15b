import { embedSnippet, prefillLink } from '../link/embed';
import type { LinkMode } from '../link/prefill';
import type { FormValues } from '../wire/fields';
import type { SignInMode } from '../wire/sign-in-modes';
import { Copyable, type OnCopy } from './Copyable';

interface Props {
  pageUrl: string;
  values: FormValues;
  /** The expiry as the form holds it relative (`7d`, from a preset or a link), or empty for a date picked by hand. */
  expiresIn: string;
  /** The form's mode; none where no mode can run. */
  mode: SignInMode | undefined;
  onCopy: OnCopy;
}

const PENDING_ADDRESS = 'Made once this page’s script knows its address.';

/** For docs authors: the current settings as a prefilled link and as an <iframe> snippet, and what the link does with the expiry. */
export function EmbedPanel({ pageUrl, values, expiresIn, mode, onCopy }: Props) {
  // A link cannot mint with the reader's own key: it leaves the mode to the reader's page.
  const linkMode = mode === 'key' ? undefined : mode;
  // The prerendered page does not know its own address yet: no link until the script does.
  const link = (mode: LinkMode | undefined) => (pageUrl ? prefillLink(pageUrl, values, mode, expiresIn) : null);
  const own = link(linkMode);
  const frameLink = link(linkMode === 'redirect' ? 'popup' : linkMode);
  return [
    <p>Readers still press Authorize. Keep every sandbox token.</p>,
    // Which expiry the link writes: relative, or a date only when the author picked one.
    own && /[?&]expires_/.test(own) && (
      <p class="help">{expiresIn ? `Expiry: expires_in=${expiresIn}, from opening the link.` : 'Expiry: expires_at, a fixed date.'}</p>
    ),
    mode === 'key' && <p class="help">A link cannot pick Mint with my API key: it leaves the mode to the reader.</p>,
    // The texts wrap (styles.css), so they never scroll and need no focus of their own.
    <Copyable what="link" text={own} pending={PENDING_ADDRESS} onCopy={onCopy} />,
    // A frame cannot redirect, so the snippet's link signs in through a popup instead.
    <Copyable what="embed code" text={frameLink && embedSnippet(frameLink)} pending={PENDING_ADDRESS} onCopy={onCopy} />,
  ];
}
