import type { FormField } from '../wire/fields';
import { SIGN_IN_MODE_NAMES, blockingLimit, type PageLimit, type SignInMode } from '../wire/sign-in-modes';

/**
 * Each mode's words: its name, what it does, and `fieldHelp`, the help a field shows in this mode
 * instead of its own: why a field the mode sets itself cannot be edited, or what it means here.
 */
export const MODE_TEXT: Record<SignInMode, { label: string; help: string; fieldHelp?: Partial<Record<FormField, string>> }> = {
  redirect: { label: 'Redirect', help: 'This tab goes to OpenRouter and back.' },
  popup: { label: 'Popup', help: 'OpenRouter opens in a small window.' },
  paste: {
    label: 'Paste code',
    help: 'OpenRouter shows a code in a new tab; you paste it here.',
    fieldHelp: { callbackUrl: 'None: OpenRouter shows the code instead of redirecting.', codeChallengeMethod: 'Paste code requires S256.' },
  },
  key: {
    label: 'Mint with my API key',
    help: 'No sign-in page: your key gets a code, exchanged here at once.',
    fieldHelp: { callbackUrl: 'https:// (http:// only on localhost or 127.0.0.1). Sent with the request; nothing is redirected to it.' },
  },
};

/** Why a page limit stops a mode, shown in place of the mode's help. */
export const LIMIT_TEXT: Record<PageLimit, string> = {
  insecure: 'Needs HTTPS.',
  framed: 'A frame cannot leave the page it is in.',
  'no-storage': 'No session storage here to keep the verifier.',
  'opaque-origin': 'The frame’s sandbox lacks allow-same-origin.',
};

interface Props {
  mode: SignInMode | undefined;
  limits: readonly PageLimit[];
  onChange: (mode: SignInMode) => void;
}

export function ModePicker({ mode, limits, onChange }: Props) {
  return (
    <fieldset>
      <legend>Get the code by</legend>
      {SIGN_IN_MODE_NAMES.map((value) => {
        const limit = blockingLimit(value, limits);
        return (
          <div class="choice">
            <input
              type="radio"
              id={`mode-${value}`}
              name="mode"
              value={value}
              checked={mode === value}
              disabled={!!limit}
              aria-describedby={`mode-${value}-help`}
              onChange={() => onChange(value)}
            />
            <label for={`mode-${value}`}>{MODE_TEXT[value].label}</label>
            <p class="help" id={`mode-${value}-help`}>
              {limit ? LIMIT_TEXT[limit] : MODE_TEXT[value].help}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
