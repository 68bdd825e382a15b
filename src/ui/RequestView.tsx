import { useState } from 'preact/hooks';
import type { CreateCodeRequest } from '../wire/create-code';
import type { SnippetKind } from '../wire/snippets';
import { Field } from './Field';
import { Copyable } from './Copyable';

interface Props {
  request: CreateCodeRequest;
  /** The kinds of code to offer, each for the current settings. */
  snippets: Partial<Record<SnippetKind, string>>;
  onCopy: (text: string) => void;
}

const NAMES: Record<SnippetKind, string> = {
  typescript: 'TypeScript program',
  python: 'Python program',
  go: 'Go program',
  curl: 'bash program (curl, openssl)',
  'app-typescript': 'Your app: TypeScript, browser or server',
  'app-python': 'Your app: Python server',
  'app-go': 'Your app: Go server',
};

/** The create-code request as sent (the key redacted), and as code to run or to build on. */
export function RequestView({ request, snippets, onCopy }: Props) {
  const kinds = Object.keys(snippets) as SnippetKind[];
  const [chosen, setChosen] = useState(kinds[0]!);
  const kind = kinds.includes(chosen) ? chosen : kinds[0]!;
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\n`);
  return (
    <section>
      <h3>Request</h3>
      <pre tabIndex={0} aria-label="Create-code request">
        {`${request.method} ${request.url}\n${headers.join('')}\n${request.body}`}
      </pre>
      <Field
        id="snippet-language"
        label="As code"
        help={
          kind.startsWith('app')
            ? 'The sign-in with these settings for your own app: no key needed.'
            : 'A whole program: it mints a key with yours, read from OPENROUTER_API_KEY, and prints it.'
        }
        value={kind}
        options={kinds.map((kind) => [kind, NAMES[kind]])}
        onValue={(kind) => setChosen(kind as SnippetKind)}
      />
      <Copyable what="code" text={snippets[kind] ?? null} label="Code snippet" onCopy={onCopy} />
    </section>
  );
}
