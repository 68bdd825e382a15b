import { h, Component } from 'preact';
import type { CreateCodeRequest } from '../wire/create-code';
import { SNIPPET_LANGUAGES, type SnippetLanguage } from '../wire/snippets';

interface Props {
  request: CreateCodeRequest;
  snippets: Record<SnippetLanguage, string>;
  onCopy: (text: string) => void;
}

const NAMES: Record<SnippetLanguage, string> = { typescript: 'TypeScript (@openrouter/sdk)', python: 'Python', go: 'Go', curl: 'curl' };

/** The create-code request as sent (the key redacted) and as code for each SDK. */
export class RequestView extends Component<Props, { language: SnippetLanguage }> {
  override state = { language: 'typescript' as SnippetLanguage };

  override render({ request, snippets, onCopy }: Props, { language }: { language: SnippetLanguage }) {
    const text = [`${request.method} ${request.url}`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), '', request.body].join('\n');
    return (
      <section>
        <h3>Request</h3>
        <pre tabIndex={0} aria-label="Create-code request">
          {text}
        </pre>
        <label for="snippet-language">The same request as code</label>
        <select id="snippet-language" value={language} onChange={(e) => this.setState({ language: e.currentTarget.value as SnippetLanguage })}>
          {SNIPPET_LANGUAGES.map((lang) => (
            <option value={lang}>{NAMES[lang]}</option>
          ))}
        </select>
        <pre tabIndex={0} aria-label="Code snippet">
          {snippets[language]}
        </pre>
        <button type="button" onClick={() => onCopy(snippets[language])}>
          Copy code
        </button>
        <p class="help">The snippets read your key from the OPENROUTER_API_KEY environment variable.</p>
      </section>
    );
  }
}
