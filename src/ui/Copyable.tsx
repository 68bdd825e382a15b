interface Props {
  /** What the button copies, as in "Copy URL". */
  what: string;
  /** The text; null while there is none yet, with `pending` saying why in its place. */
  text: string | null;
  /** A labelled text may scroll, so it takes focus; a wrapping one needs neither. */
  label?: string;
  pending?: string;
  /** A fixed height that scrolls, so the page around it never moves when the text grows. */
  fixed?: boolean;
  onCopy: (text: string) => void;
}

/**
 * The button that copies a text, then the text: a text that grows moves nothing but what follows
 * it. The button is disabled while there is no text.
 */
export function Copyable({ what, text, label, pending, fixed, onCopy }: Props) {
  return (
    <>
      <button type="button" disabled={!text} onClick={() => text && onCopy(text)}>
        Copy {what}
      </button>
      <pre tabIndex={label ? 0 : undefined} aria-label={label} class={fixed ? 'fixed' : undefined}>
        {text ?? pending}
      </pre>
    </>
  );
}
