import { useState } from 'preact/hooks';
import type { CreateCodeRequest } from '../wire/create-code';
import type { SnippetLanguage } from '../wire/snippets';
import { Field } from './Field';
import { Copyable } from './Copyable';

interface Props {
  request: CreateCodeRequest;
  snippets: Record<SnippetLanguage, string>;
  onCopy: (text: string) => void;
}

const NAMES: Record<SnippetLanguage, string> = { typescript: 'TypeScript', python: 'Python', go: 'Go', curl: 'curl' };

/** The create-code request as sent (the key redacted) and as code for each SDK. */
export function RequestView({ request, snippets, onCopy }: Props) {
  const [language, setLanguage] = useState<SnippetLanguage>('typescript');
  const headers = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\n`);
  return (
    <section>
      <h3>Request</h3>
      <pre tabIndex={0} aria-label="Create-code request">
        {`${request.method} ${request.url}\n${headers.join('')}\n${request.body}`}
      </pre>
      <Field
        id="snippet-language"
        label="The same request as code"
        help="Reads your key from OPENROUTER_API_KEY."
        value={language}
        options={Object.entries(NAMES)}
        onValue={(language) => setLanguage(language as SnippetLanguage)}
      />
      <Copyable what="code" text={snippets[language]} label="Code snippet" onCopy={onCopy} />
    </section>
  );
}
