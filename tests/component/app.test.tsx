import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App';
import { createSession, type Session } from '../../src/flow/session';
import { PENDING_KEY } from '../../src/flow/pending';
import { draftFor } from '../../src/flow/pkce';
import type { CallbackParams } from '../../src/flow/callback-url';
import { blankForm } from '../../src/wire/fields';
import type { PageLimit } from '../../src/wire/sign-in-modes';
import type { Embedding } from '../../src/flow/frame';
import type { Prefill } from '../../src/link/prefill';

const ORIGIN = 'https://openrouter.ai';
const KEY = `sk-or-v1-${'cd'.repeat(32)}`;
const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const INITIAL = blankForm('https://keymint.example/');
const ok = () => new Response(JSON.stringify({ key: KEY, user_id: 'user_1' }), { status: 200 });

const TOP: Embedding = { framed: false, parentOrigin: null, opaqueOrigin: false };

interface Options {
  respond?: () => Promise<Response>;
  prefill?: Prefill;
  embedding?: Embedding;
  limits?: PageLimit[];
}

afterEach(() => vi.restoreAllMocks());

const sessionWith = (fetch: typeof globalThis.fetch) => createSession({ origin: ORIGIN, appOrigin: 'https://keymint.example', storage: sessionStorage, fetch });

function renderApp(respond: () => Promise<Response> = async () => ok(), options: Omit<Options, 'respond'> = {}) {
  const fetch = vi.fn((_url: string, _init?: RequestInit) => respond());
  const session = sessionWith(fetch as unknown as typeof globalThis.fetch);
  // The redirect, and the new tab of a paste sign-in (a popup would be blocked: open returns null).
  const navigate = vi.spyOn(window.location, 'assign').mockImplementation(() => {});
  const openTab = vi.spyOn(window, 'open').mockImplementation(() => null);
  const view = render(
    <App
      session={session}
      pageUrl={INITIAL.callbackUrl}
      prefill={options.prefill ?? { values: {}, notes: [] }}
      embedding={options.embedding ?? TOP}
      limits={options.limits ?? []}
    />,
  );
  return { ...view, session, navigate, fetch, openTab };
}

/**
 * Puts `session` in the state of a page that just came back from OpenRouter: the page before it
 * (another session, as a reload makes) started a redirect sign-in with STATE, which waits in
 * sessionStorage; then this page takes up the answer in its address.
 */
async function returnWith(session: Session, params: Omit<CallbackParams, 'repeated'>) {
  const before = sessionWith(vi.fn() as unknown as typeof globalThis.fetch);
  const open = vi.fn();
  before.start({ mode: 'redirect', body: { callbackUrl: INITIAL.callbackUrl }, draft: await draftFor('v'.repeat(43), STATE), navigator: { open } });
  expect(open).toHaveBeenCalledOnce();
  expect(sessionStorage.getItem(PENDING_KEY)).toContain(STATE);
  session.intake({ ...params, repeated: false }, { exposed: false, sender: 'unknown' });
}

const returnWithCode = (session: Session) => returnWith(session, { code: 'the-code', state: STATE });

const type = (label: string, value: string) => {
  const control = screen.getByLabelText(label);
  fireEvent.input(control, { target: { value } });
  fireEvent.blur(control);
  return control;
};
const urlPreview = () => screen.getByLabelText('Authorization URL').textContent ?? '';
const bodyPreview = () => JSON.parse(screen.getByLabelText('Request body JSON').textContent ?? '{}') as Record<string, unknown>;

describe('the form', () => {
  let clipboard: { writeText: ReturnType<typeof vi.fn> };
  beforeEach(() => {
    clipboard = { writeText: vi.fn(async () => {}) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  });

  it('labels every control and names it after its wire field', () => {
    renderApp();
    const names = {
      'Callback URL': 'callback_url',
      'Key label': 'key_label',
      'Credit limit (USD)': 'limit',
      'Limit resets': 'usage_limit_type',
      Expires: 'expires_at',
      'Code challenge method': 'code_challenge_method',
      'Workspace ID': 'workspace_id',
    };
    for (const [label, name] of Object.entries(names)) {
      const control = screen.getByLabelText(label);
      expect(control.getAttribute('name')).toBe(name);
      expect(control.getAttribute('aria-describedby')).toContain(`${control.id}-help`);
    }
    expect(screen.getByLabelText('Expires').getAttribute('type')).toBe('datetime-local');
    expect(screen.getByLabelText('Expires').getAttribute('step')).toBe('1');
  });

  it('updates the body and the authorization URL as the person types', async () => {
    renderApp();
    await waitFor(() => expect(urlPreview()).toContain('https://openrouter.ai/auth?'));
    type('Key label', 'Docs & more');
    type('Credit limit (USD)', '7.25');
    fireEvent.input(screen.getByLabelText('Limit resets'), { target: { value: 'monthly' } });
    expect(bodyPreview()).toMatchObject({
      callback_url: INITIAL.callbackUrl,
      key_label: 'Docs & more',
      limit: 7.25,
      usage_limit_type: 'monthly',
      code_challenge_method: 'S256',
    });
    expect(bodyPreview().code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const url = new URL(urlPreview());
    expect(url.searchParams.get('key_label')).toBe('Docs & more');
    expect(url.searchParams.get('limit')).toBe('7.25');
    expect(url.searchParams.get('code_challenge')).toBe(bodyPreview().code_challenge);
  });

  it('fills the expiry from a preset and previews it in UTC with seconds', async () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    const value = (screen.getByLabelText('Expires') as HTMLInputElement).value;
    // The control drops ":00" seconds when displaying, as browsers do; the wire value keeps them,
    // in the SDK's toISOString() form in the body and as whole seconds in the URL.
    expect(value).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/);
    expect(bodyPreview().expires_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    await waitFor(() => expect(urlPreview()).toMatch(/^https:/));
    expect(new URL(urlPreview()).searchParams.get('expires_at')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(bodyPreview().expires_at as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    fireEvent.click(screen.getByRole('button', { name: 'Never' }));
    expect(bodyPreview()).not.toHaveProperty('expires_at');
  });

  it('marks an invalid field, says what is wrong next to it, and keeps it out of the preview', () => {
    renderApp();
    const limit = type('Credit limit (USD)', '-3');
    expect(limit.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(`${limit.id}-error`)!;
    expect(error.textContent).toContain('0 or more');
    expect(limit.getAttribute('aria-describedby')).toContain(error.id);
    expect(bodyPreview()).not.toHaveProperty('limit');
    expect(urlPreview()).not.toContain('/auth');
  });

  it('blocks Authorize while anything is invalid and moves focus to the first problem', async () => {
    const { navigate } = renderApp();
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    fireEvent.input(screen.getByLabelText('Workspace ID'), { target: { value: 'not-a-uuid' } });
    fireEvent.input(screen.getByLabelText('Credit limit (USD)'), { target: { value: '1,5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    expect(navigate).not.toHaveBeenCalled();
    expect(sessionStorage.length).toBe(0);
    expect(document.activeElement).toBe(screen.getByLabelText('Credit limit (USD)'));
    expect(screen.getByLabelText('Workspace ID').getAttribute('aria-invalid')).toBe('true');
  });

  it('warns about plain without blocking it', () => {
    renderApp();
    fireEvent.input(screen.getByLabelText('Code challenge method'), { target: { value: 'plain' } });
    expect(screen.getByText(/Prefer S256/)).toBeTruthy();
    expect(bodyPreview().code_challenge_method).toBe('plain');
  });

  it('opens exactly the previewed URL, after storing the pending flow', async () => {
    const { navigate } = renderApp();
    // What the tab holds at the moment it leaves for OpenRouter.
    const storedWhenLeaving: Array<string | null> = [];
    navigate.mockImplementation(() => void storedWhenLeaving.push(sessionStorage.getItem(PENDING_KEY)));
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    const previewed = urlPreview();
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledExactlyOnceWith(previewed));
    const state = new URL(previewed).searchParams.get('state')!;
    expect(storedWhenLeaving).toHaveLength(1);
    expect(JSON.parse(storedWhenLeaving[0]!)).toMatchObject({ state, method: 'S256' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Opening OpenRouter'));
    // The next sign-in gets a fresh verifier and state.
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    expect(new URL(urlPreview()).searchParams.get('state')).not.toBe(state);
  });

  it('does not say it is opening OpenRouter when the start bails out', async () => {
    const { session, navigate } = renderApp();
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    // As when a request is out or a key is on screen by the time the challenge is there.
    const start = vi.spyOn(session, 'start').mockReturnValue(false);
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(start).toHaveBeenCalledOnce());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(navigate).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).not.toContain('Opening OpenRouter');
  });

  it('opens OpenRouter for an Authorize pressed before the challenge was ready', async () => {
    const { navigate } = renderApp();
    expect(urlPreview()).not.toContain('/auth?');
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledOnce());
    const state = new URL(navigate.mock.calls[0]![0] as string).searchParams.get('state');
    expect(JSON.parse(sessionStorage.getItem(PENDING_KEY)!)).toMatchObject({ state, method: 'S256' });
  });

  it('previews a paste sign-in without callback_url and with S256 even when the form says plain, and opens exactly that URL', async () => {
    const { openTab, navigate } = renderApp();
    fireEvent.input(screen.getByLabelText('Code challenge method'), { target: { value: 'plain' } });
    await waitFor(() => expect(new URL(urlPreview()).searchParams.get('code_challenge_method')).toBe('plain'));
    fireEvent.click(screen.getByLabelText('Paste code'));
    await waitFor(() => expect(new URL(urlPreview()).searchParams.get('code_challenge_method')).toBe('S256'));
    const previewed = urlPreview();
    const url = new URL(previewed);
    expect(url.searchParams.has('callback_url')).toBe(false);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(bodyPreview()).not.toHaveProperty('callback_url');
    expect(bodyPreview()).toMatchObject({ code_challenge_method: 'S256', code_challenge: url.searchParams.get('code_challenge') });
    expect((screen.getByLabelText('Code challenge method') as HTMLSelectElement).value).toBe('S256');

    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(openTab).toHaveBeenCalledOnce());
    expect(openTab.mock.calls[0]![0]).toBe(previewed);
    expect(navigate).not.toHaveBeenCalled();
    // Nothing waits in storage: the verifier stays in memory.
    expect(sessionStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('says it needs HTTPS and disables Authorize and every mode on an insecure page', () => {
    const { navigate, openTab } = renderApp(undefined, { limits: ['insecure'] });
    const alert = screen.getAllByRole('alert').find((a) => a.textContent?.includes('needs HTTPS'));
    expect(alert?.textContent).toContain('Keymint needs HTTPS');
    const authorize = screen.getByRole('button', { name: 'Authorize' }) as HTMLButtonElement;
    expect(authorize.disabled).toBe(true);
    for (const mode of ['Redirect', 'Popup', 'Paste code', 'Mint with my API key']) {
      const radio = screen.getByLabelText(mode) as HTMLInputElement;
      expect(radio.disabled, mode).toBe(true);
      expect(radio.checked, mode).toBe(false);
      expect(document.getElementById(radio.getAttribute('aria-describedby')!)?.textContent, mode).toBe('Needs HTTPS.');
    }
    fireEvent.click(authorize);
    expect(navigate).not.toHaveBeenCalled();
    expect(openTab).not.toHaveBeenCalled();
    expect(sessionStorage.length).toBe(0);
  });

  it('copies the body and the URL', async () => {
    renderApp();
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy body' }));
    fireEvent.click(screen.getByRole('button', { name: 'Copy URL' }));
    expect(clipboard.writeText.mock.calls.map(([text]) => text)).toEqual([screen.getByLabelText('Request body JSON').textContent, urlPreview()]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Copied.'));
  });
});

describe('after the callback', () => {
  let clipboard: { writeText: ReturnType<typeof vi.fn> };
  beforeEach(() => {
    clipboard = { writeText: vi.fn(async () => {}) };
    Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  });

  it('shows the key masked, reveals, hides, copies and forgets it', async () => {
    const { session } = renderApp();
    await returnWithCode(session);
    const key = await screen.findByTestId('api-key');
    expect(key.textContent).toBe(`sk-or-v1-${'•'.repeat(12)}cdcd`);
    expect(document.body.innerHTML).not.toContain(KEY);
    // Focus moves once the panel is painted (an effect, after the render).
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Your new API key'));
    // Forgetting does not revoke; the key is revoked or changed on OpenRouter, BYOK-in-limit only there.
    expect(screen.getByText(/does not revoke it/).textContent).toContain('(BYOK in limit only there)');

    fireEvent.click(screen.getByRole('button', { name: 'Show key' }));
    expect(screen.getByTestId('api-key').textContent).toBe(KEY);
    fireEvent.click(screen.getByRole('button', { name: 'Hide key' }));
    expect(screen.getByTestId('api-key').textContent).not.toContain(KEY);

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(clipboard.writeText).toHaveBeenCalledWith(KEY);
    await screen.findByRole('button', { name: 'Copied' });

    // Copied: one press forgets it.
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(screen.queryByTestId('api-key')).toBeNull();
    expect(session.phase.kind).toBe('idle');
    expect(document.body.innerHTML).not.toContain('cdcd');
  });

  it('disables Authorize while a key is on screen, saying to forget it first', async () => {
    const { session, navigate } = renderApp();
    await returnWithCode(session);
    await screen.findByTestId('api-key');
    const authorize = screen.getByRole('button', { name: 'Authorize' }) as HTMLButtonElement;
    expect(authorize.disabled).toBe(true);
    const note = document.getElementById(authorize.getAttribute('aria-describedby')!);
    expect(note?.textContent).toBe('Forget this key to mint another.');
    fireEvent.click(authorize);
    expect(navigate).not.toHaveBeenCalled();
    expect(screen.getByTestId('api-key')).toBeTruthy();

    // Never copied: the first press asks, the second drops it.
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(authorize.disabled).toBe(false);
    expect(authorize.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByText('Forget this key to mint another.')).toBeNull();
  });

  it('announces progress politely while exchanging', async () => {
    const { session } = renderApp(() => new Promise(() => {}));
    await returnWithCode(session);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Exchanging'));
    expect(screen.getByRole('status').getAttribute('aria-live')).toBe('polite');
    expect((screen.getByRole('button', { name: 'Authorize' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('puts a retryable failure in an alert with Retry, which sends the same code again', async () => {
    const answers = [new Response('', { status: 500 }), ok()];
    const { session, fetch } = renderApp(async () => answers.shift()!);
    await returnWithCode(session);
    const alert = await screen.findByRole('alert', {}, { timeout: 2000 }).then(() => screen.getAllByRole('alert')[0]!);
    await waitFor(() => expect(alert.textContent).toContain('HTTP 500'));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('The exchange did not finish'));
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await screen.findByTestId('api-key');
    expect(fetch.mock.calls[1]![1]!.body).toBe(fetch.mock.calls[0]![1]!.body);
  });

  it('offers only Start again after a definitive failure', async () => {
    const { session } = renderApp(
      async () => new Response(JSON.stringify({ error: { code: 400, message: 'Invalid code_challenge_method' } }), { status: 400 }),
    );
    await returnWithCode(session);
    await waitFor(() => expect(screen.getAllByRole('alert')[0]!.textContent).toContain('does not match'));
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    expect(screen.getAllByRole('alert')[0]!.textContent).toContain('OpenRouter said: Invalid code_challenge_method');
    fireEvent.click(screen.getByRole('button', { name: 'Start again' }));
    expect(screen.getAllByRole('alert')[0]!.textContent).toBe('');
  });

  it('takes a pasted code in paste mode: says what is wrong, then exchanges the code', async () => {
    const { openTab, fetch } = renderApp();
    fireEvent.click(screen.getByLabelText('Paste code'));
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    // A new tab with no link back to this page.
    await waitFor(() =>
      expect(openTab).toHaveBeenCalledExactlyOnceWith(expect.stringMatching(/^https:\/\/openrouter\.ai\/auth\?/), '_blank', 'noopener,noreferrer'),
    );
    const field = screen.getByLabelText('Code from OpenRouter');
    await waitFor(() => expect(document.activeElement).toBe(field));
    fireEvent.input(field, { target: { value: 'not a code!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Exchange code' }));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toContain('Paste the code OpenRouter showed');
    expect((field as HTMLInputElement).value).toBe('not a code!');
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.input(field, { target: { value: 'the-code' } });
    fireEvent.click(screen.getByRole('button', { name: 'Exchange code' }));
    await screen.findByTestId('api-key');
    expect(String(fetch.mock.calls[0]![1]!.body)).toContain('"code":"the-code"');
  });

  it('does not claim a new tab opened for a paste sign-in: opened without a link back, a blocked tab goes unseen', async () => {
    const { openTab } = renderApp();
    fireEvent.click(screen.getByLabelText('Paste code'));
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(openTab).toHaveBeenCalledOnce());
    const panel = (await screen.findByRole('heading', { name: 'Approve on OpenRouter' })).closest('section')!;
    expect(panel.textContent).not.toMatch(/opened in a new tab/i);
    expect(within(panel).getByRole('link', { name: 'Open OpenRouter' }).getAttribute('href')).toBe(openTab.mock.calls[0]![0]);
  });

  it('moves focus only to a target on screen: none while exchanging, the alert title once a failure shows', async () => {
    const missed: string[] = [];
    const byId = document.getElementById.bind(document);
    vi.spyOn(document, 'getElementById').mockImplementation((id) => {
      const found = byId(id);
      if (!found) missed.push(id);
      return found;
    });
    let fail!: (response: Response) => void;
    const { session } = renderApp(() => new Promise((resolve) => (fail = resolve)));
    await returnWithCode(session);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Exchanging'));
    fail(new Response('', { status: 500 }));
    await waitFor(() => expect(document.activeElement?.textContent).toBe('The exchange did not finish'));
    expect(missed).not.toContain('alert-title');
  });

  it('keeps a popup sign-in waiting when its window sends an answer it cannot vouch for, and offers pasting a code', async () => {
    const { session, openTab, fetch } = renderApp();
    const popup = { closed: false, close: vi.fn(), location: { replace: vi.fn() } };
    openTab.mockImplementation(() => popup as unknown as Window);
    fireEvent.click(screen.getByLabelText('Popup'));
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(popup.location.replace).toHaveBeenCalledOnce());
    await screen.findByRole('heading', { name: 'Approve on OpenRouter' });
    const data = { type: 'keymint:callback', sender: 'unknown', repeated: false, code: 'planted-code' };
    act(() => session.message({ origin: 'https://keymint.example', source: popup as unknown as Window, data }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('so another page may have sent it'));
    expect(screen.getByRole('heading', { name: 'Approve on OpenRouter' })).toBeTruthy();
    expect(popup.close).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
    expect(document.body.textContent).not.toContain('planted-code');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in by pasting a code' }));
    expect(popup.close).toHaveBeenCalled();
    expect((screen.getByLabelText('Paste code') as HTMLInputElement).checked).toBe(true);
    expect(session.phase.kind).toBe('idle');
  });

  it('renders a denial description as text, never as markup', async () => {
    const { session } = renderApp();
    await returnWith(session, { error: 'access_denied', errorDescription: '<img src=x onerror="alert(1)">Nope', state: STATE });
    await waitFor(() => {
      const alert = screen.getAllByRole('alert')[0]!;
      expect(alert.textContent).toContain('Sign-in was not completed');
      expect(alert.textContent).toContain('<img src=x onerror="alert(1)">Nope');
      expect(alert.querySelector('img')).toBeNull();
    });
  });

  it('ignores a code no sign-in in this tab waits for: a neutral status, no request, nothing shown of it', async () => {
    const { session, fetch } = renderApp();
    session.intake({ code: 'forged-code-1234567890', state: 'forged-state-1234567890', repeated: false }, { exposed: false, sender: 'unknown' });
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Keymint ignored a sign-in answer in the address: it matches no sign-in waiting in this tab.'),
    );
    expect(screen.getAllByRole('alert')[0]!.textContent).toBe('');
    expect(document.body.textContent).not.toContain('forged-code');
    expect(fetch).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Authorize' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('does not show the error text of an answer that matches no sign-in', async () => {
    const { session } = renderApp();
    await returnWith(session, { error: 'access_denied', errorDescription: 'Planted words', state: 'another-state-1234567890' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('matches no sign-in waiting in this tab'));
    expect(document.body.textContent).not.toContain('Planted words');
    expect(document.body.textContent).not.toContain('access_denied');
  });
});

describe('the mode switch and the existing-key request', () => {
  const EXISTING = `sk-or-v1-${'9f'.repeat(32)}`;

  it('shows the key and attribution fields only in key mode, and the request with the Bearer redacted', async () => {
    renderApp();
    expect(screen.queryByLabelText('Your OpenRouter API key')).toBeNull();
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    await waitFor(() => expect(screen.getByLabelText('Your OpenRouter API key')).toBeTruthy());
    expect(screen.getByRole('button', { name: 'Mint with my API key' })).toBeTruthy();
    expect(screen.queryByLabelText('Authorization URL')).toBeNull();

    fireEvent.input(screen.getByLabelText('Your OpenRouter API key'), { target: { value: EXISTING } });
    fireEvent.input(screen.getByLabelText('App title (X-OpenRouter-Title)'), { target: { value: 'My App' } });
    fireEvent.input(screen.getByLabelText('App categories (X-OpenRouter-Categories)'), { target: { value: 'cli-agent' } });
    await waitFor(() => expect(screen.getByLabelText('Create-code request').textContent).toContain('code_challenge'));
    const request = screen.getByLabelText('Create-code request').textContent!;
    expect(request).toContain('POST https://openrouter.ai/api/v1/auth/keys/code');
    expect(request).toContain('Authorization: Bearer sk-or-v1-…9f9f');
    expect(request).toContain('X-OpenRouter-Title: My App');
    expect(request).toContain('X-OpenRouter-Categories: cli-agent');
    expect(document.body.textContent).not.toContain(EXISTING);
    const kinds = [...(screen.getByLabelText('As code') as HTMLSelectElement).options].map((option) => option.value);
    expect(kinds).toEqual(['mint.ts', 'mint.py', 'mint.go', 'mint.sh']);
    for (const kind of kinds) {
      fireEvent.input(screen.getByLabelText('As code'), { target: { value: kind } });
      // Each program is fetched from the page's site when chosen (tests/component/setup.ts serves the files).
      await waitFor(() => expect(screen.getByLabelText('Code snippet').textContent).toContain('OPENROUTER_API_KEY'));
      expect(screen.getByLabelText('Code snippet').textContent).not.toContain(EXISTING);
    }
  });

  it('blocks minting without a key and says so next to the field', async () => {
    const { fetch } = renderApp();
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    await waitFor(() => expect(screen.getByLabelText('Create-code request').textContent).toContain('code_challenge'));
    fireEvent.click(screen.getByRole('button', { name: 'Mint with my API key' }));
    const field = screen.getByLabelText('Your OpenRouter API key');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(screen.getByText('Paste an OpenRouter API key.')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
    // The first invalid control in page order takes focus: the key settings come before the key.
    fireEvent.input(screen.getByLabelText('Credit limit (USD)'), { target: { value: '-3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mint with my API key' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Credit limit (USD)'));
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the callback field editable in key mode, with what is typed there', async () => {
    renderApp();
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    const callback = screen.getByLabelText('Callback URL') as HTMLInputElement;
    expect(callback.readOnly).toBe(false);
    type('Callback URL', 'https://app.example/done');
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).value).toBe('https://app.example/done');
    expect(bodyPreview().callback_url).toBe('https://app.example/done');
    await waitFor(() => expect(screen.getByLabelText('Create-code request').textContent).toMatch(/"callback_url": ?"https:\/\/app\.example\/done"/));
    // A popup sets its own callback; back in key mode, what was typed is there again.
    fireEvent.click(screen.getByLabelText('Popup'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).value).toBe(INITIAL.callbackUrl);
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).value).toBe('https://app.example/done');
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).readOnly).toBe(false);
  });

  it('says what the callback means in key mode: nothing comes back to it, so not that only this page can finish', () => {
    renderApp();
    const help = () => document.getElementById(`${screen.getByLabelText('Callback URL').id}-help`)!.textContent;
    expect(help()).toContain('only this page can finish the exchange');
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    expect(help()).not.toMatch(/only this page/i);
    expect(help()).toContain('nothing is redirected to it');
    expect(help()).toContain('https://');
  });

  it('switches between the sign-in modes, fixing the callback where a mode decides it', () => {
    renderApp();
    fireEvent.click(screen.getByLabelText('Popup'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.click(screen.getByLabelText('Paste code'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Code challenge method') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).readOnly).toBe(false);
    // A redirect comes back to this page, the only one holding the verifier: another site is never sent.
    type('Callback URL', 'https://example.com/');
    fireEvent.click(screen.getByLabelText('Redirect'));
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).readOnly).toBe(true);
    expect((screen.getByLabelText('Callback URL') as HTMLInputElement).value).toBe(INITIAL.callbackUrl);
    expect(bodyPreview().callback_url).toBe(INITIAL.callbackUrl);
    expect(urlPreview()).not.toContain('example.com');
  });
});

describe('an untouched field', () => {
  it('checks each attribution field once it is left, and never marks an untouched one', () => {
    renderApp();
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    const key = screen.getByLabelText('Your OpenRouter API key');
    expect(key.getAttribute('aria-invalid')).toBeNull();
    fireEvent.input(screen.getByLabelText('App URL (HTTP-Referer)'), { target: { value: 'not a url' } });
    expect(screen.getByLabelText('App URL (HTTP-Referer)').getAttribute('aria-invalid')).toBeNull();
    for (const [label, value, words] of [
      ['App URL (HTTP-Referer)', 'not a url', 'Enter a full https:// URL.'],
      ['App title (X-OpenRouter-Title)', 'Café', 'Use printable ASCII only'],
      ['App categories (X-OpenRouter-Categories)', 'a,b,c', 'Use at most 2 categories'],
    ] as const) {
      const field = type(label, value);
      expect(field.getAttribute('aria-invalid'), label).toBe('true');
      expect(document.getElementById(`${field.id}-error`)?.textContent).toContain(words);
    }
    // The key was never typed in nor left: not red.
    expect(key.getAttribute('aria-invalid')).toBeNull();
  });

  it('after Forget, shows the emptied key field unmarked in key mode', async () => {
    // A key mint: the code, the exchange, the check. The existing key leaves the field once used.
    const answers = [new Response(JSON.stringify({ data: { id: 'the-code' } })), ok(), new Response('', { status: 500 })];
    renderApp(async () => answers.shift()!);
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    type('Your OpenRouter API key', `sk-or-v1-${'9f'.repeat(32)}`);
    await waitFor(() => expect(screen.getByLabelText('Create-code request').textContent).toContain('code_challenge'));
    fireEvent.click(screen.getByRole('button', { name: 'Mint with my API key' }));
    await screen.findByTestId('api-key');
    expect((screen.getByLabelText('Your OpenRouter API key') as HTMLInputElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    fireEvent.click(screen.getByLabelText('Popup'));
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    expect(screen.getByLabelText('Your OpenRouter API key').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText('Paste an OpenRouter API key.')).toBeNull();
  });
});

describe('links that keep what the author meant', () => {
  const link = () => screen.getByRole('button', { name: 'Copy link' }).nextElementSibling!.textContent!;
  const said = () => document.querySelector('details .help')?.textContent;

  it('keeps a preset expiry relative until the date is edited by hand, and says which the link writes', () => {
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: '7 days' }));
    expect(new URL(link()).searchParams.get('expires_in')).toBe('7d');
    expect(new URL(link()).searchParams.has('expires_at')).toBe(false);
    expect(said()).toBe('Expiry: expires_in=7d, from opening the link.');
    // A date typed by hand is the author's own: written as it is.
    type('Expires', '2099-06-30T12:34:56');
    expect(new URL(link()).searchParams.get('expires_at')).toBe('2099-06-30T10:34:56Z');
    expect(new URL(link()).searchParams.has('expires_in')).toBe(false);
    expect(said()).toBe('Expiry: expires_at, a fixed date.');
    fireEvent.click(screen.getByRole('button', { name: 'Never' }));
    expect(link()).not.toContain('expires');
    expect(said()).toBeUndefined();
  });

  it('says nothing of an expiry the link does not carry, whatever the label says', () => {
    renderApp();
    type('Key label', 'expires_soon');
    expect(link()).toContain('key_label=expires_soon');
    expect(said()).toBeUndefined();
  });

  it('keeps a link’s expires_in as it came, in the link it makes', () => {
    const values = { expiresAt: '2099-01-01T00:00:00' };
    renderApp(undefined, { prefill: { values, expiresIn: '12h', notes: [] } });
    expect(new URL(link()).searchParams.get('expires_in')).toBe('12h');
  });
});

describe('links in key mode', () => {
  it('leaves the mode out of the links and says so', () => {
    renderApp();
    fireEvent.click(screen.getByLabelText('Mint with my API key'));
    const link = screen.getByRole('button', { name: 'Copy link' }).nextElementSibling!.textContent!;
    expect(new URL(link).searchParams.has('mode')).toBe(false);
    expect(document.querySelector('details .help')!.textContent).toBe('A link cannot pick Mint with my API key: it leaves the mode to the reader.');
    const frame = screen.getByRole('button', { name: 'Copy embed code' }).nextElementSibling!.textContent!;
    expect(frame).not.toContain('mode=');
  });
});

describe('the preview while a sign-in waits', () => {
  it('shows the request it sent, not the next one’s challenge', async () => {
    const { openTab } = renderApp();
    const popup = { closed: false, close: vi.fn(), location: { replace: vi.fn() } };
    openTab.mockImplementation(() => popup as unknown as Window);
    fireEvent.click(screen.getByLabelText('Popup'));
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    fireEvent.click(screen.getByRole('button', { name: 'Authorize' }));
    await waitFor(() => expect(popup.location.replace).toHaveBeenCalledOnce());
    const sent = popup.location.replace.mock.calls[0]![0] as string;
    // The next sign-in's material is made meanwhile; the preview still shows what went out.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(urlPreview()).toBe(sent);
    expect(bodyPreview().code_challenge).toBe(new URL(sent).searchParams.get('code_challenge'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    expect(urlPreview()).not.toBe(sent);
  });
});

describe('Copy feedback where the person looks', () => {
  let writeText: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  });

  it('says Copied on the button itself, then its name again, and announces it in the status line', async () => {
    renderApp();
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy URL' }));
    const button = await screen.findByRole('button', { name: 'Copied' });
    expect(writeText).toHaveBeenCalledWith(urlPreview());
    expect(screen.getByRole('status').textContent).toBe('Copied.');
    await waitFor(() => expect(button.textContent).toBe('Copy URL'), { timeout: 3000 });
  });

  it('says Copied only of the text it copied: a changed text gets the button’s name back', async () => {
    renderApp();
    await waitFor(() => expect(urlPreview()).toContain('/auth?'));
    fireEvent.click(screen.getByRole('button', { name: 'Copy body' }));
    await screen.findByRole('button', { name: 'Copied' });
    type('Key label', 'Changed');
    expect(screen.getByRole('button', { name: 'Copy body' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Copied' })).toBeNull();
  });

  it('says on the button when the browser blocked the copy', async () => {
    writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    renderApp();
    fireEvent.click(screen.getByRole('button', { name: 'Copy body' }));
    await screen.findByRole('button', { name: 'Copy blocked' });
    expect(screen.getByRole('status').textContent).toBe('Copy blocked: copy the text by hand.');
  });
});

describe('the key panel', () => {
  // The exchange, then the key check and its SHA-256 links: on a busy 2-core machine, more than a second.
  const SETTLE = { timeout: 5000 };
  const KEY_INFO = { data: { label: 'Docs', limit: null, limit_remaining: null, limit_reset: null, expires_at: null, include_byok_in_limit: false } };
  let exchanged = 0;
  /** The exchange answers, then each GET /api/v1/key answer in turn. */
  const renderMinting = (...lookups: Response[]) => renderApp(async () => (lookups.length && exchanged++ ? lookups.shift()! : ok()));
  beforeEach(() => {
    exchanged = 0;
  });

  it('offers Check again when the check of the key’s settings fails, and checks again', async () => {
    const { session, fetch } = renderMinting(new Response('', { status: 500 }), new Response(JSON.stringify(KEY_INFO)));
    await returnWithCode(session);
    await screen.findByText(/Keymint could not check the key’s settings/, {}, SETTLE);
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    // The button goes while checking: the focus waits on the panel's heading, not on the page.
    expect(document.activeElement?.textContent).toBe('Your new API key');
    await screen.findByText('Every setting was applied as requested.', {}, SETTLE);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(screen.queryByRole('button', { name: 'Check again' })).toBeNull();
    expect(screen.getByTestId('api-key')).toBeTruthy();
  });

  it('asks before forgetting a key that was never copied; a second press forgets it', async () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: vi.fn(async () => {}) }, configurable: true });
    const { session } = renderMinting(new Response(JSON.stringify(KEY_INFO)));
    await returnWithCode(session);
    await screen.findByTestId('api-key', {}, SETTLE);
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(screen.getByText(/Not copied yet, and it cannot be shown again: press Forget again/).getAttribute('role')).toBe('alert');
    expect(screen.getByTestId('api-key')).toBeTruthy();
    expect(session.phase.kind).toBe('minted');
    // Copied meanwhile: no more question, and one press forgets.
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(screen.queryByText(/Not copied yet/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(screen.queryByTestId('api-key')).toBeNull();
    expect(session.phase.kind).toBe('idle');
  });

  it('forgets a never-copied key on the second press of Forget', async () => {
    const { session } = renderMinting(new Response(JSON.stringify(KEY_INFO)));
    await returnWithCode(session);
    await screen.findByTestId('api-key', {}, SETTLE);
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(screen.getByTestId('api-key')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(screen.queryByTestId('api-key')).toBeNull();
    expect(screen.queryByText(/Not copied yet/)).toBeNull();
  });

  it('says in every DIFFERS row what to do, with a link to the key’s settings', async () => {
    const { session } = renderMinting(new Response(JSON.stringify({ data: { ...KEY_INFO.data, limit: 1 } })));
    await returnWithCode(session);
    const row = (await screen.findByText('DIFFERS', { exact: false }, SETTLE)).closest('tr')!;
    const link = within(row).getByRole('link', { name: 'change it in the key’s settings if you can, or revoke the key' });
    expect(link.getAttribute('href')).toMatch(/^https:\/\/openrouter\.ai\/(keys\/[0-9a-f]{64}|settings\/keys)$/);
    expect(row.textContent).toContain('DIFFERS: change it');
    // A row that is the same says nothing more.
    expect(within(screen.getByRole('row', { name: /^Label/ })).queryByRole('link')).toBeNull();
  });
});
