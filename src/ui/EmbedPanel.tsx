import { h, Component } from 'preact';
import { embedSnippet, prefillLink, prefillQuery } from '../link/embed';
import type { Mode } from '../link/prefill';
import type { FormValues } from '../wire/fields';

interface Props {
  pageUrl: string;
  values: FormValues;
  mode: Mode;
  onCopy: (text: string) => void;
}

const EXPIRY_CHOICES: [string, string][] = [
  ['', 'The date in the form'],
  ['1d', '1 day after the reader opens it'],
  ['7d', '7 days after'],
  ['30d', '30 days after'],
  ['90d', '90 days after'],
];

/** For docs authors: the current settings as a prefilled link and as an <iframe> snippet. Loaded when opened. */
export class EmbedPanel extends Component<Props, { expiresIn: string }> {
  override state = { expiresIn: '' };

  override render({ pageUrl, values, mode, onCopy }: Props, { expiresIn }: { expiresIn: string }) {
    const link = prefillLink(pageUrl, prefillQuery({ values, mode, expiresIn }));
    const framed = prefillLink(pageUrl, prefillQuery({ values, mode: mode === 'redirect' ? 'popup' : mode, expiresIn }));
    const snippet = embedSnippet(framed);
    return (
      <div>
        <p>
          The link and the frame fill in the form with the settings above; the reader still reviews them and presses
          Authorize.
        </p>
        <label for="embed-expiry">Expiry in the link</label>
        <select id="embed-expiry" value={expiresIn} onChange={(e) => this.setState({ expiresIn: e.currentTarget.value })}>
          {EXPIRY_CHOICES.map(([value, text]) => (
            <option value={value}>{text}</option>
          ))}
        </select>
        <h3>Link</h3>
        <pre tabIndex={0} aria-label="Prefilled link">
          {link}
        </pre>
        <button type="button" onClick={() => onCopy(link)}>
          Copy link
        </button>
        <h3>Frame for a docs page</h3>
        <pre tabIndex={0} aria-label="Embed snippet">
          {snippet}
        </pre>
        <button type="button" onClick={() => onCopy(snippet)}>
          Copy snippet
        </button>
        <p class="help">
          Framed, Keymint signs in through a popup. Keep every sandbox token: scripts run the page, allow-same-origin lets
          the popup hand the code back, and the popups tokens let OpenRouter’s page open outside the sandbox.
        </p>
      </div>
    );
  }
}
