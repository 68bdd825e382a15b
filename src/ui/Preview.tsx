import type { ComponentChildren } from 'preact';
import { Copyable, type OnCopy } from './Copyable';

interface Props {
  bodyJson: string;
  /** undefined: this mode opens no authorization URL; null: not yet (an invalid field, or no challenge yet). */
  authorizeUrl: string | null | undefined;
  /** More of the request, after the body. */
  children?: ComponentChildren;
  /** Some fields are invalid and left out of the body. */
  partial: boolean;
  onCopy: OnCopy;
}

export function Preview({ bodyJson, authorizeUrl, partial, onCopy, children }: Props) {
  return (
    <section>
      <h2>Request preview</h2>
      {partial && <p class="hint">Invalid fields are left out until fixed.</p>}
      {/* The URL first, at a fixed height: the body below may grow as fields fill in, and nothing follows it. */}
      {authorizeUrl !== undefined && (
        <>
          <h3>Authorization URL</h3>
          <Copyable
            what="URL"
            text={authorizeUrl}
            label="Authorization URL"
            pending={partial ? 'Shown once every field is valid.' : 'Made by this page’s script, which creates the PKCE challenge in your browser.'}
            fixed
            onCopy={onCopy}
          />
        </>
      )}
      <h3>
        Request body: <code>CreateAuthKeysCodeRequestBody</code>
      </h3>
      <Copyable what="body" text={bodyJson} label="Request body JSON" onCopy={onCopy} />
      {children}
    </section>
  );
}
