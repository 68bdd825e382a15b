import { createElement, type ComponentChildren, type TargetedEvent } from 'preact';

/** A select's choices: value, then the text shown. */
export type Options = [value: string, text: string][];

/** The control's own attributes, those the forms set. */
export interface Control {
  name?: string;
  type?: string;
  /** Left out, the control keeps its own text (uncontrolled). */
  value?: string;
  step?: number;
  inputMode?: 'decimal';
  readOnly?: boolean;
  spellcheck?: boolean;
  onBlur?: () => void;
}

interface Props extends Control {
  id: string;
  label: string;
  help?: string;
  hint?: string | false | undefined;
  error?: string | false | undefined;
  /** Makes the control a select with these choices. */
  options?: Options;
  onValue?: (value: string) => void;
  /** Anything that belongs under the control. */
  children?: ComponentChildren;
}

/**
 * A labelled input (or select) with its help, hint and error, each tied to it by id and listed in
 * its aria-describedby; an error also marks it aria-invalid. The other props are the control's own.
 */
export function Field({ id, label, help, hint, error, options, onValue, children, ...control }: Props) {
  // Help, then any hint and error: the order they are shown and read in.
  const notes = Object.entries({ help, hint, error }).filter(([, text]) => text);
  const props = {
    ...control,
    id,
    // No autofill: these are one-off settings, and one of them is an API key.
    autocomplete: 'off',
    'aria-describedby': notes.map(([kind]) => `${id}-${kind}`).join(' ') || undefined,
    'aria-invalid': error ? ('true' as const) : undefined,
    onInput: (e: TargetedEvent<HTMLInputElement | HTMLSelectElement>) => onValue?.(e.currentTarget.value),
  };
  return (
    <div>
      <label for={id}>{label}</label>
      {options ? (
        // A select cannot be read-only: it is disabled instead.
        <select {...props} disabled={control.readOnly}>
          {options.map(([value, text]) => (
            <option value={value}>{text}</option>
          ))}
        </select>
      ) : (
        // createElement: `type` comes from a table, a string JSX's per-type attribute union cannot narrow.
        createElement('input', props)
      )}
      {children}
      {notes.map(([kind, text]) => (
        <p class={kind} id={`${id}-${kind}`}>
          {text}
        </p>
      ))}
    </div>
  );
}
