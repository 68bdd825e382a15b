import { h } from 'preact';
import type { ApiKey } from '../flow/api-key';

interface Props {
  apiKey: ApiKey;
  warning?: string | undefined;
  visible: boolean;
  keysPage: string;
  onToggle: () => void;
  onCopy: () => void;
  onForget: () => void;
}

export const KEY_TITLE = 'key-title';

export function KeyPanel({ apiKey, warning, visible, keysPage, onToggle, onCopy, onForget }: Props) {
  return (
    <section class="box" aria-labelledby={KEY_TITLE}>
      <h2 id={KEY_TITLE} tabIndex={-1}>
        Your new API key
      </h2>
      <p>
        <code data-testid="api-key">{visible ? apiKey.reveal() : apiKey.masked}</code>
      </p>
      <button type="button" aria-pressed={visible} onClick={onToggle}>
        {visible ? 'Hide key' : 'Show key'}
      </button>{' '}
      <button type="button" onClick={onCopy}>
        Copy
      </button>{' '}
      <button type="button" onClick={onForget}>
        Forget
      </button>
      {warning && <p class="hint">{warning}</p>}
      <p class="help">
        It is only in this page's memory: copy it now. Forgetting it does not revoke it; do that in your{' '}
        <a href={keysPage} target="_blank" rel="noopener noreferrer">
          OpenRouter key settings
        </a>
        .
      </p>
    </section>
  );
}
