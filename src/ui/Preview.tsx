import { h, type ComponentChildren } from 'preact';

/**
 * A text, then the button that copies it: "Copy <what>". A labelled text may scroll, so it takes
 * focus; a wrapping one needs neither. While there is no text yet (null), `pending` says why in
 * its place and the button is disabled.
 */
export const copyable = (onCopy: (text: string) => void, what: string, text: string | null, label?: string, pending?: string) => [
  <pre tabIndex={label ? 0 : undefined} aria-label={label}>
    {text ?? pending}
  </pre>,
  <button type="button" disabled={!text} onClick={() => text && onCopy(text)}>
    Copy {what}
  </button>,
];

interface Props {
  bodyJson: string;
  /** undefined: this mode opens no authorization URL; null: not yet (an invalid field, or no challenge yet). */
  authorizeUrl: string | null | undefined;
  /** More of the request, after the body. */
  children?: ComponentChildren;
  /** Some fields are invalid and left out of the body. */
  partial: boolean;
  onCopy: (text: string) => void;
}

export function Preview({ bodyJson, authorizeUrl, partial, onCopy, children }: Props) {
  return (
    <section>
      <h2>Request preview</h2>
      <h3>
        Request body: <code>CreateAuthKeysCodeRequestBody</code>
      </h3>
      {partial && <p class="hint">Invalid fields are left out until fixed.</p>}
      {copyable(onCopy, 'body', bodyJson, 'Request body JSON')}
      {authorizeUrl !== undefined && [
        <h3>Authorization URL</h3>,
        // A valid form without a URL waits for the challenge: before the first interaction the app is not loaded yet.
        copyable(onCopy, 'URL', authorizeUrl, 'Authorization URL', partial ? 'Shown once every field is valid.' : 'Made when you start using the form: your browser creates the PKCE challenge.'),
      ]}
      {children}
    </section>
  );
}
