import { h } from 'preact';
import type { Mode } from '../link/prefill';

interface Props {
  mode: Mode;
  /** Modes this page cannot run, with the reason. */
  off: Partial<Record<Mode, string>>;
  onChange: (mode: Mode) => void;
}

const CHOICES: [Mode, string, string][] = [
  ['redirect', 'Redirect', 'This tab goes to OpenRouter and comes back with the code.'],
  ['popup', 'Popup', 'OpenRouter opens in a small window; this page stays put.'],
  ['paste', 'Paste code', 'OpenRouter shows a code in a new tab; you paste it here.'],
];

export function ModePicker({ mode, off, onChange }: Props) {
  return (
    <fieldset>
      <legend>Sign in by</legend>
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
