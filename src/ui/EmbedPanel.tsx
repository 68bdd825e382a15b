import { h, Component } from 'preact';
import { embedSnippet, prefillLink } from '../link/embed';
import type { Mode } from '../link/prefill';
import { EXPIRY_PRESETS } from '../wire/expiry';
import type { FormValues } from '../wire/fields';

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
    // Each text, then the button that copies it and says what it is. The pre wraps (styles.css), so it
    // never scrolls and needs no focus of its own.
    const block = (name: string, text: string) => [
      <pre>{text}</pre>,
      <button type="button" onClick={() => onCopy(text)}>
        Copy {name}
      </button>,
    ];
    return [
      <p>Readers still press Authorize. Keep every sandbox token.</p>,
      <label for="embed-expiry">Expiry in the link</label>,
      <select id="embed-expiry" value={expiresIn} onChange={(e) => this.setState({ expiresIn: e.currentTarget.value })}>
        {/* The presets' "never" stands for whatever the form says. */}
        {EXPIRY_PRESETS.map(([text, days]) => (
          <option value={days ? `${days}d` : ''}>{days ? `${text} after opening` : 'As in the form'}</option>
        ))}
      </select>,
      block('link', link(mode)),
      // A frame cannot redirect, so the snippet's link signs in through a popup instead.
      block('embed code', embedSnippet(link(mode === 'redirect' ? 'popup' : mode))),
    ];
  }
}
