import { useState } from 'preact/hooks';
import { embedSnippet, prefillLink } from '../link/embed';
import type { LinkMode } from '../link/prefill';
import { EXPIRY_PRESETS } from '../wire/expiry';
import type { FormValues } from '../wire/fields';
import type { SignInMode } from '../wire/sign-in-modes';
import { Field } from './Field';
import { Copyable, type OnCopy } from './Copyable';

interface Props {
  pageUrl: string;
  values: FormValues;
  /** The form's mode; none where no mode can run. */
  mode: SignInMode | undefined;
  onCopy: OnCopy;
}

const PENDING_ADDRESS = 'Made once this page’s script knows its address.';

/** For docs authors: the current settings as a prefilled link and as an <iframe> snippet. */
export function EmbedPanel({ pageUrl, values, mode, onCopy }: Props) {
  const [expiresIn, setExpiresIn] = useState('');
  // A link cannot mint with the reader's own key: it leaves the mode to the reader's page.
  const linkMode = mode === 'key' ? undefined : mode;
  // The prerendered page does not know its own address yet: no link until the script does.
  const link = (mode: LinkMode | undefined) => (pageUrl ? prefillLink(pageUrl, values, mode, expiresIn) : null);
  const frameLink = link(linkMode === 'redirect' ? 'popup' : linkMode);
  return [
    <p>Readers still press Authorize. Keep every sandbox token.</p>,
    // The presets' "never" stands for whatever the form says. The options speak for themselves: no help.
    <Field
      id="embed-expiry"
      label="Expiry in the link"
      value={expiresIn}
      options={EXPIRY_PRESETS.map(([text, days]) => (days ? [`${days}d`, `${text} after opening`] : ['', 'As in the form']))}
      onValue={setExpiresIn}
    />,
    // The texts wrap (styles.css), so they never scroll and need no focus of their own.
    mode === 'key' && <p class="help">A link cannot pick Mint with my API key: it leaves the mode to the reader.</p>,
    <Copyable what="link" text={link(linkMode)} pending={PENDING_ADDRESS} onCopy={onCopy} />,
    // A frame cannot redirect, so the snippet's link signs in through a popup instead.
    <Copyable what="embed code" text={frameLink && embedSnippet(frameLink)} pending={PENDING_ADDRESS} onCopy={onCopy} />,
  ];
}
