import { useEffect, useState } from 'preact/hooks';
import type { Minted } from '../flow/session';
import { APPLIED_SETTINGS, type AppliedRow, type AppliedSetting, type AppliedValue } from '../wire/key-info';
import { failureMessage } from './answers';
import { CopyButton, type OnCopy } from './Copyable';
import { focus } from './focus';
import { KEY_TITLE } from './ids';

interface Props {
  minted: Minted;
  keysPage: string;
  onCopy: OnCopy;
  onForget: () => void;
  /** Checks the key's settings again after the check failed. */
  onRecheck: () => void;
}

// An informing row shows its note instead.
const VERDICT = { same: 'Same', differs: 'DIFFERS', info: '' };

/**
 * Each applied setting's words, by the names of APPLIED_SETTINGS (src/wire/key-info.ts): its title,
 * what none of it reads as, what asking for nothing means when that only informs, and a note.
 */
const APPLIED_TEXT: Record<AppliedSetting, { title: string; none: string; unasked?: string; note?: string }> = {
  label: { title: 'Label', none: 'None', unasked: 'Not set: app name' },
  limit: { title: 'Credit limit', none: 'No limit' },
  limitRemaining: { title: 'Limit remaining', none: 'No limit', unasked: 'Not requestable' },
  limitReset: { title: 'Limit resets', none: 'Never' },
  expiresAt: { title: 'Expires', none: 'Never' },
  includeByokInLimit: { title: 'BYOK in limit', none: 'Not reported', unasked: 'Not requestable', note: 'Set in key settings.' },
  workspaceId: { title: 'Workspace', none: 'None', unasked: 'Not set: default' },
};

/** A value of `setting` in words: `undefined` is a value OpenRouter did not report. */
function valueText(setting: AppliedSetting, value: AppliedValue | null | undefined): string {
  if (value === undefined) return 'Not reported';
  if (value === null) return APPLIED_TEXT[setting].none;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  // Intervals come as OpenRouter's lowercase words.
  return APPLIED_SETTINGS[setting].kind === 'interval' ? value[0]!.toUpperCase() + value.slice(1) : value;
}

/** A row's cells after its title: requested, on the key, and the check. */
function rowText({ setting, requested, applied, verdict, unasked, maskedLabel }: AppliedRow): string[] {
  const text = APPLIED_TEXT[setting];
  const note = maskedLabel ? 'Masked key, not the name.' : text.note;
  return [(unasked && text.unasked) || valueText(setting, requested), valueText(setting, applied), (verdict === 'info' && note) || VERDICT[verdict]];
}

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
export function KeyPanel({ minted: { key, unusualFormat, check, links }, keysPage, onCopy, onForget, onRecheck }: Props) {
  const settings = links?.settings ?? keysPage;
  const [visible, setVisible] = useRevealed();
  // A key never copied is gone once forgotten: Forget asks first, and a second press drops it.
  const [copied, setCopied] = useState(false);
  const [asking, setAsking] = useState(false);
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
      <CopyButton label="Copy" text={key.reveal()} onCopy={(text) => onCopy(text).then((done) => (done && setCopied(true), done))} />{' '}
      <button type="button" onClick={copied || asking ? onForget : () => setAsking(true)}>
        Forget
      </button>
      {asking && !copied && <p role="alert">Not copied yet, and it cannot be shown again: press Forget again to drop it.</p>}
      {unusualFormat && <p class="hint">Unusual key format; it may still work.</p>}
      <p class="help">
        Only in this page’s memory: copy it now. Forget does not revoke it: revoke or change it (BYOK in limit only there) in{' '}
        <a href={settings} target="_blank" rel="noopener noreferrer">
          OpenRouter’s key settings
        </a>
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
          <>
            <p class="hint">Keymint could not check the key’s settings: {failureMessage(check.failure, 'key-info')} The key itself is fine.</p>
            {/* The button goes while checking: the focus waits on the panel's heading. */}
            <button type="button" onClick={() => (onRecheck(), focus(KEY_TITLE))}>
              Check again
            </button>
          </>
        )}
        {check.kind === 'checked' && (
          <>
            <p class={differs ? 'error' : ''}>{`${differs ? 'Not every' : 'Every'} setting was applied as requested.`}</p>
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
                    <th scope="row">{APPLIED_TEXT[row.setting].title}</th>
                    {rowText(row).map((cell, i) => (
                      <td>
                        {cell}
                        {/* The check of a difference says what the person can do about it, and where. */}
                        {i > 1 && row.verdict === 'differs' && (
                          <>
                            :{' '}
                            <a href={settings} target="_blank" rel="noopener noreferrer">
                              change it in the key’s settings if you can, or revoke the key
                            </a>
                          </>
                        )}
                      </td>
                    ))}
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
