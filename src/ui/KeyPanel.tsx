import { useEffect, useState } from 'preact/hooks';
import type { Minted } from '../flow/session';
import { failureMessage } from './answers';
import { KEY_TITLE } from './ids';

interface Props {
  minted: Minted;
  keysPage: string;
  onCopy: (text: string) => void;
  onForget: () => void;
}

// An informing row shows its note instead.
const VERDICT = { same: 'Same', differs: 'DIFFERS', info: '' };

/**
 * The key masked again whenever the page is hidden: a page kept in the back/forward cache comes back
 * as it was left, and a revealed key must not.
 */
function useRevealed(): [boolean, (visible: boolean) => void] {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const mask = () => setVisible(false);
    addEventListener('pagehide', mask);
    addEventListener('pageshow', mask);
    return () => {
      removeEventListener('pagehide', mask);
      removeEventListener('pageshow', mask);
    };
  }, []);
  return [visible, setVisible];
}

/** The minted key, masked until Show key, and the check of its settings. Each mint passes through
 * other phases first, so each new key gets a new panel and starts masked. */
export function KeyPanel({ minted: { key, warning, check, links }, keysPage, onCopy, onForget }: Props) {
  const [visible, setVisible] = useRevealed();
  // The table marks which settings differ; the sentence says whether any do.
  const differs = check.kind === 'checked' && check.rows.some((row) => row.verdict === 'differs');
  return (
    <section class="box" aria-labelledby={KEY_TITLE}>
      <h2 id={KEY_TITLE} tabIndex={-1}>
        Your new API key
      </h2>
      <p>
        <code data-testid="api-key">{visible ? key.reveal() : key.masked}</code>
      </p>
      {/* The label says what a press does; aria-pressed beside a changing label would announce both. */}
      <button type="button" onClick={() => setVisible(!visible)}>
        {visible ? 'Hide key' : 'Show key'}
      </button>{' '}
      <button type="button" onClick={() => onCopy(key.reveal())}>
        Copy
      </button>{' '}
      <button type="button" onClick={onForget}>
        Forget
      </button>
      {warning && <p class="hint">{warning}</p>}
      <p class="help">
        Only in this page’s memory: copy it now. Forgetting it does not revoke it: revoke or change it in{' '}
        <a href={links?.settings ?? keysPage} target="_blank" rel="noopener noreferrer">
          OpenRouter’s key settings
        </a>{' '}
        (the only place to change BYOK-in-limit)
        {links && (
          <>
            , and see its{' '}
            <a href={links.activity} target="_blank" rel="noopener noreferrer">
              activity
            </a>
          </>
        )}
        .
      </p>
      <h3>What OpenRouter applied</h3>
      <div aria-live="polite">
        {check.kind === 'checking' && <p>Checking the key’s settings…</p>}
        {check.kind === 'unchecked' && (
          <p class="hint">Keymint could not check the key’s settings: {failureMessage(check.failure, 'key-info')} The key itself is fine.</p>
        )}
        {check.kind === 'checked' && (
          <>
            <p class={differs ? 'error' : ''}>{differs ? 'Not every setting was applied as requested.' : 'Every setting was applied as requested.'}</p>
            <table>
              <thead>
                <tr>
                  {['Setting', 'Requested', 'On the key', 'Check'].map((title) => (
                    <th scope="col">{title}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {check.rows.map((row) => (
                  <tr class={row.verdict}>
                    <th scope="row">{row.title}</th>
                    <td>{row.requested}</td>
                    <td>{row.applied}</td>
                    <td>{row.note || VERDICT[row.verdict]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>
    </section>
  );
}
