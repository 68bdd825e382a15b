interface Props {
  /** What the button copies, as in "Copy URL". */
  what: string;
  /** The text; null while there is none yet, with `pending` saying why in its place. */
  text: string | null;
  /** A labelled text may scroll, so it takes focus; a wrapping one needs neither. */
  label?: string;
  pending?: string;
  onCopy: (text: string) => void;
}

/** A text, then the button that copies it. The button is disabled while there is no text. */
export function Copyable({ what, text, label, pending, onCopy }: Props) {
  return (
    <>
      <pre tabIndex={label ? 0 : undefined} aria-label={label}>
        {text ?? pending}
      </pre>
      <button type="button" disabled={!text} onClick={() => text && onCopy(text)}>
        Copy {what}
      </button>
    </>
  );
}
