import type { CreateCodeRequest } from '../wire/create-code';
import type { ProgramFile, ProgramSettings } from '../wire/snippets';
import type { OnCopy } from './Copyable';
import { ProgramCode } from './ProgramCode';

interface Props {
  request: CreateCodeRequest;
  /** The settings the programs are shown with. */
  settings: ProgramSettings;
  onCopy: OnCopy;
}

const PROGRAMS: ProgramFile[] = ['mint.ts', 'mint.py', 'mint.go', 'mint.sh'];

/** The create-code request as sent (the key redacted), and the same mint as a program to run. */
export function RequestView({ request, settings, onCopy }: Props) {
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\n`);
  return (
    <section>
      <h3>Request</h3>
      <pre tabIndex={0} aria-label="Create-code request">
        {`${request.method} ${request.url}\n${headers.join('')}\n${request.body}`}
      </pre>
      <ProgramCode
        id="snippet-language"
        label="As code"
        help="A whole program that mints a key with yours (OPENROUTER_API_KEY) and prints it."
        choices={PROGRAMS}
        settings={settings}
        codeLabel="Code snippet"
        onCopy={onCopy}
      />
    </section>
  );
}
