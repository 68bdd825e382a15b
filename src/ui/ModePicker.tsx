import { h } from 'preact';
import type { Mode } from '../link/prefill';

/** How the code is obtained: one of the sign-in modes, or from a key the person already has. */
export type SignIn = Mode | 'key';

interface Props {
  mode: SignIn;
  /** Modes this page cannot run, with the reason. */
  off: Partial<Record<SignIn, string>>;
  onChange: (mode: SignIn) => void;
}

const CHOICES: [SignIn, string, string][] = [
  ['redirect', 'Redirect', 'This tab goes to OpenRouter and back.'],
  ['popup', 'Popup', 'OpenRouter opens in a small window.'],
  ['paste', 'Paste code', 'OpenRouter shows a code in a new tab; you paste it here.'],
  ['key', 'Mint with my API key', 'No sign-in page: your key gets a code, exchanged here at once.'],
];

export function ModePicker({ mode, off, onChange }: Props) {
  return (
    <fieldset>
      <legend>Get the code by</legend>
      {CHOICES.map(([value, label, help]) => (
        <div class="choice">
          <input
            type="radio"
            id={`mode-${value}`}
            name="mode"
            value={value}
            checked={mode === value}
            disabled={!!off[value]}
            aria-describedby={`mode-${value}-help`}
            onChange={() => onChange(value)}
          />
          <label for={`mode-${value}`}>{label}</label>
          <p class="help" id={`mode-${value}-help`}>
            {off[value] ?? help}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
