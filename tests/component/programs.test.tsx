// The code the page shows: each program fetched from the page's site when it is chosen, with the
// settings in it, and a clear note when it cannot be fetched.
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { AppSignIn } from '../../src/ui/AppSignIn';
import { RequestView } from '../../src/ui/RequestView';
import { describeCreateCodeRequest } from '../../src/wire/create-code';
import type { ProgramSettings } from '../../src/wire/snippets';

const EXISTING = `sk-or-v1-${'9f'.repeat(32)}`;
const SETTINGS: ProgramSettings = {
  origin: 'https://openrouter.ai',
  body: { callbackUrl: 'https://myapp.com/cb', codeChallenge: 'KEYMINTS-OWN', codeChallengeMethod: 'S256', keyLabel: 'Docs "key" $HOME', limit: 5 },
  attribution: { appTitle: 'My App' },
};

/** Each language's own way of reading the key from OPENROUTER_API_KEY: which program is shown. */
const READS_KEY = {
  'mint.ts': 'apiKey: process.env.OPENROUTER_API_KEY',
  'mint.py': 'api_key=os.environ["OPENROUTER_API_KEY"]',
  'mint.go': 'openrouter.WithSecurity(os.Getenv("OPENROUTER_API_KEY"))',
  'mint.sh': '-H "Authorization: Bearer $OPENROUTER_API_KEY"',
};

const code = (label = 'Code snippet') => screen.getByLabelText(label).textContent ?? '';
const choose = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });
/** The requests for program files (tests/component/setup.ts answers them from src/public/programs/). */
const programRequests = () => vi.mocked(fetch).mock.calls.map(([url]) => String(url));

function renderRequestView() {
  const onCopy = vi.fn();
  render(
    <RequestView request={describeCreateCodeRequest(SETTINGS.origin, EXISTING, SETTINGS.body, SETTINGS.attribution)} settings={SETTINGS} onCopy={onCopy} />,
  );
  return onCopy;
}

describe('key mode: the mint as a whole program in every language', () => {
  it('fetches each program when it is chosen, relative to the page, and shows it with the settings in it', async () => {
    vi.stubGlobal('fetch', vi.fn(fetch));
    const onCopy = renderRequestView();
    expect(code()).toBe('Loading…');
    expect(screen.getByRole('button', { name: 'Copy code' })).toHaveProperty('disabled', true);
    for (const [file, reads] of Object.entries(READS_KEY)) {
      choose('As code', file);
      await waitFor(() => expect(code()).toContain(reads));
      expect(code()).not.toContain(EXISTING);
      expect(code()).not.toContain('KEYMINTS-OWN');
      expect(code()).not.toContain('@keymint-settings');
      expect(code()).toContain('My App');
    }
    expect(code()).toContain(`body='{"callback_url":"https://myapp.com/cb","code_challenge_method":"S256","key_label":"Docs \\"key\\" $HOME","limit":5}'`);
    // Vite's base in tests is '/'; the build's is './', relative to the page.
    expect(programRequests()).toEqual(['/programs/mint.ts', '/programs/mint.py', '/programs/mint.go', '/programs/mint.sh']);
    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    expect(onCopy).toHaveBeenCalledWith(code());
  });

  it('names the languages, TypeScript first', () => {
    renderRequestView();
    const options = [...(screen.getByLabelText('As code') as HTMLSelectElement).options].map((option) => [option.value, option.text]);
    expect(options).toEqual([
      ['mint.ts', 'TypeScript'],
      ['mint.py', 'Python'],
      ['mint.go', 'Go'],
      ['mint.sh', 'bash (curl)'],
    ]);
  });

  it('says so when a program cannot be fetched, and fetches it again when chosen again', async () => {
    const served = fetch;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url.endsWith('mint.py') ? new Response('Not found', { status: 404 }) : served(url))),
    );
    renderRequestView();
    await waitFor(() => expect(code()).toContain(READS_KEY['mint.ts']));
    choose('As code', 'mint.py');
    await waitFor(() => expect(code()).toBe('Could not load this program. Pick another language and back to try again.'));
    expect(screen.getByRole('button', { name: 'Copy code' })).toHaveProperty('disabled', true);
    vi.stubGlobal('fetch', vi.fn(served));
    choose('As code', 'mint.go');
    await waitFor(() => expect(code()).toContain(READS_KEY['mint.go']));
    choose('As code', 'mint.py');
    await waitFor(() => expect(code()).toContain(READS_KEY['mint.py']));
  });

  it('says the same of a network failure, and of a program file without its one settings line', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderRequestView();
    await waitFor(() => expect(code()).toMatch(/^Could not load this program/));
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('print("no settings line")\n')),
    );
    choose('As code', 'mint.py');
    await waitFor(() => expect(code()).toMatch(/^Could not load this program/));
  });
});

describe('the sign-in for your own app', () => {
  const appSettings: ProgramSettings = { origin: SETTINGS.origin, body: SETTINGS.body };

  it('fetches nothing until opened, then shows the app code with these settings, in three languages', async () => {
    vi.stubGlobal('fetch', vi.fn(fetch));
    render(<AppSignIn settings={appSettings} onCopy={vi.fn()} />);
    const details = screen.getByText('Use this sign-in in your app').closest('details')!;
    expect(details.open).toBe(false);
    expect(screen.queryByLabelText('App sign-in code')).toBeNull();
    expect(programRequests()).toEqual([]);

    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(code('App sign-in code')).toContain('export async function startSignIn()'));
    expect(code('App sign-in code')).toContain('  "keyLabel": "Docs \\"key\\" $HOME",\n  "limit": 5\n};\n');
    const options = [...(screen.getByLabelText('Language') as HTMLSelectElement).options].map((option) => option.value);
    expect(options).toEqual(['app.ts', 'app.py', 'app.go']);
    choose('Language', 'app.py');
    await waitFor(() => expect(code('App sign-in code')).toContain('def start_sign_in():'));
    choose('Language', 'app.go');
    await waitFor(() => expect(code('App sign-in code')).toContain('func StartSignIn() (string, string) {'));
    expect(code('App sign-in code')).toContain('  "keyLabel": "Docs \\"key\\" $HOME",\n  "limit": 5\n}`)\n');
    // No key of yours, and no Keymint challenge.
    expect(code('App sign-in code')).not.toMatch(/OPENROUTER_API_KEY|KEYMINTS-OWN/);
    expect(programRequests()).toEqual(['/programs/app.ts', '/programs/app.py', '/programs/app.go']);
  });
});
