import { h, type ComponentChildren } from 'preact';

interface Props {
  id: string;
  label: string;
  help: string;
  hint?: string | false | undefined;
  error?: string | false | undefined;
  /** The control (its aria-describedby from `describedBy`), and anything that belongs under it. */
  children: ComponentChildren;
}

/** The ids a control's aria-describedby lists: its help, then any hint and error. */
export const describedBy = (id: string, hint?: unknown, error?: unknown) =>
  [`${id}-help`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');

/** A labelled control with its help, hint and error, each tied to it by id. */
export function Field({ id, label, help, hint, error, children }: Props) {
  return (
    <div>
      <label for={id}>{label}</label>
      {children}
      <p class="help" id={`${id}-help`}>
        {help}
      </p>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
