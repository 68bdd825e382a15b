import { h, Component } from 'preact';
import { embedSnippet, prefillLink } from '../link/embed';
import type { Mode } from '../link/prefill';
import { EXPIRY_PRESETS } from '../wire/expiry';
import type { FormValues } from '../wire/fields';
import { Field } from './Field';
import { copyable } from './Preview';

interface Props {
  pageUrl: string;
  values: FormValues;
  mode: Mode;
  onCopy: (text: string) => void;
}

/** For docs authors: the current settings as a prefilled link and as an <iframe> snippet. */
export class EmbedPanel extends Component<Props, { expiresIn?: string }> {
  // Preact starts every component with an empty state object.
  override render({ pageUrl, values, mode, onCopy }: Props, { expiresIn = '' }: { expiresIn?: string }) {
    const link = (mode: Mode) => prefillLink(pageUrl, values, mode, expiresIn);
    return [
      <p>Readers still press Authorize. Keep every sandbox token.</p>,
      // The presets' "never" stands for whatever the form says. The options speak for themselves: no help.
      <Field
        id="embed-expiry"
        label="Expiry in the link"
        value={expiresIn}
        options={EXPIRY_PRESETS.map(([text, days]) => (days ? [`${days}d`, `${text} after opening`] : ['', 'As in the form']))}
        onValue={(expiresIn) => this.setState({ expiresIn })}
      />,
      // The texts wrap (styles.css), so they never scroll and need no focus of their own.
      copyable(onCopy, 'link', link(mode)),
      // A frame cannot redirect, so the snippet's link signs in through a popup instead.
      copyable(onCopy, 'embed code', embedSnippet(link(mode === 'redirect' ? 'popup' : mode))),
    ];
  }
}
