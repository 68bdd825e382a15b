import { useEffect, useState } from 'preact/hooks';
import { fetchProgram } from '../flow/programs';
import { withSettings, type ProgramFile, type ProgramSettings } from '../wire/snippets';
import { Copyable, type OnCopy } from './Copyable';
import { Field } from './Field';

interface Props {
  id: string;
  label: string;
  help?: string;
  /** The programs to choose from, one per language; the first is shown first. */
  choices: ProgramFile[];
  settings: ProgramSettings;
  /** The code's accessible name. */
  codeLabel: string;
  onCopy: OnCopy;
}

const LANGUAGES: Record<string, string> = { ts: 'TypeScript', py: 'Python', go: 'Go', sh: 'bash (curl)' };

/** A choice of programs; the chosen one is fetched when chosen and shown with these settings in it. */
export function ProgramCode({ id, label, help, choices, settings, codeLabel, onCopy }: Props) {
  const [file, setFile] = useState(choices[0]!);
  // The fetched source of `file`; null when the fetch failed.
  const [source, setSource] = useState<[ProgramFile, string | null]>();
  // A late answer for another file is set aside by the check of its name below.
  useEffect(() => {
    fetchProgram(file).then(
      (text) => setSource([file, text]),
      () => setSource([file, null]),
    );
  }, [file]);
  const text = source?.[0] === file ? source[1] : undefined;
  let code: string | null = null;
  try {
    if (text) code = withSettings(file, text, settings);
  } catch {
    // A broken program file is said the same way as a missing one.
  }
  return (
    <>
      <Field
        id={id}
        label={label}
        help={help}
        value={file}
        options={choices.map((choice) => [choice, LANGUAGES[choice.slice(-2)]!])}
        onValue={(value) => setFile(value as ProgramFile)}
      />
      <Copyable
        what="code"
        text={code}
        label={codeLabel}
        pending={text === undefined ? 'Loading…' : 'Could not load this program. Pick another language and back to try again.'}
        onCopy={onCopy}
      />
    </>
  );
}
