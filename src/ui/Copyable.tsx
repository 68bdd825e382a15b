import { useEffect, useState } from 'preact/hooks';

/** Copies a text; resolves to false when the browser refused. */
export type OnCopy = (text: string) => Promise<boolean>;

interface ButtonProps {
  label: string;
  /** Nothing to copy yet: the button is disabled. */
  text: string | null | undefined;
  onCopy: OnCopy;
}

/**
 * A Copy button that says on itself, for two seconds, that it copied (or that the browser blocked
 * it): where the person is looking. The status line announces the same to screen readers.
 */
export function CopyButton({ label, text, onCopy }: ButtonProps) {
  // What it said, and of which text: a text that changed since was not the one copied.
  const [said, setSaid] = useState<[string, string]>();
  // Each word stays two seconds, and goes with the button.
  useEffect(() => {
    const timer = setTimeout(setSaid, 2000);
    return () => clearTimeout(timer);
  }, [said]);
  return (
    <button type="button" disabled={!text} onClick={async () => text && setSaid([(await onCopy(text)) ? 'Copied' : 'Copy blocked', text])}>
      {said && said[1] === text ? said[0] : label}
    </button>
  );
}

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
  onCopy: OnCopy;
}

/**
 * The button that copies a text, then the text: a text that grows moves nothing but what follows
 * it. The button is disabled while there is no text.
 */
export function Copyable({ what, text, label, pending, fixed, onCopy }: Props) {
  return (
    <>
      <CopyButton label={`Copy ${what}`} text={text} onCopy={onCopy} />
      <pre tabIndex={label ? 0 : undefined} aria-label={label} class={fixed ? 'fixed' : undefined}>
        {text ?? pending}
      </pre>
    </>
  );
}
