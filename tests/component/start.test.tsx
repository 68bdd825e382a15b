// The entry's start: which page a window runs, by its name and what its address brought.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { start } from '../../src/start';
import { PENDING_KEY } from '../../src/flow/pending';

const STATE = 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1';
const control = (name: string) => document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;

describe('start', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="app"></div>';
  });
  afterEach(() => {
    render(null, document.getElementById('app')!);
    window.name = '';
    vi.restoreAllMocks();
  });

  it('drops a sign-in window’s name when the whole app runs in it, so its own callback is not handed back', async () => {
    window.name = 'keymint-signin-0b5e0a6c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
    await start(null);
    expect(window.name).toBe('');
    expect(document.querySelector('#app form')).not.toBeNull();
  });

  it('leaves any other name alone', async () => {
    window.name = 'docs-preview';
    await start(null);
    expect(window.name).toBe('docs-preview');
  });

  it('keeps the name in a sign-in window that came back with an answer: it hands the answer back', async () => {
    window.name = 'keymint-signin-0b5e0a6c-1d2e-4f3a-8b9c-0d1e2f3a4b5c';
    await start({ code: 'the-code', state: 'st4te-st4te-st4te-st4te-st4te-st4te-st4te-1', repeated: false });
    expect(window.name).toMatch(/^keymint-signin-/);
    expect(document.querySelector('#app form')).toBeNull();
  });

  it('after a redirect sign-in comes back denied, shows the settings it asked for', async () => {
    const requested = {
      keyLabel: 'Docs & demo',
      limit: 7.5,
      usageLimitType: 'weekly',
      expiresAt: '2099-06-30T10:34:56Z',
      workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state: STATE, verifier: 'v'.repeat(43), method: 'plain', createdAt: Date.now(), requested }));
    await start({ error: 'access_denied', state: STATE, repeated: false });
    expect(document.getElementById('app')!.textContent).toContain('Sign-in was not completed');
    expect(control('key_label').value).toBe('Docs & demo');
    expect(control('limit').value).toBe('7.5');
    expect(control('usage_limit_type').value).toBe('weekly');
    expect(control('expires_at').value).toBe('2099-06-30T12:34:56'); // Berlin summer time
    expect(control('workspace_id').value).toBe(requested.workspaceId);
    expect(control('code_challenge_method').value).toBe('plain');
    // Nothing of them is noted as ignored, and the sign-in is over.
    expect(document.querySelector('[aria-label="Link parameters ignored"]')).toBeNull();
    expect(sessionStorage.getItem(PENDING_KEY)).toBeNull();
  });

  it('after a redirect sign-in comes back, keeps an expiry that was set relative relative, in the form and in links', async () => {
    const requested = { keyLabel: 'Weekly', expiresAt: '2099-06-30T10:34:56Z', expiresIn: '7d' };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ state: STATE, verifier: 'v'.repeat(43), method: 'S256', createdAt: Date.now(), requested }));
    await start({ error: 'access_denied', state: STATE, repeated: false });
    expect(control('key_label').value).toBe('Weekly');
    // Seven days from now, not the date the first try computed.
    const shown = new Date(control('expires_at').value).getTime();
    expect(Math.abs(shown - (Date.now() + 7 * 86_400_000))).toBeLessThan(60_000);
    const link = document.querySelector('details pre')!.textContent!;
    expect(new URL(link).searchParams.get('expires_in')).toBe('7d');
    expect(link).not.toContain('expires_at');
    expect(document.querySelector('details .help')!.textContent).toBe('Expiry: expires_in=7d, from opening the link.');
    expect(document.querySelector('[aria-label="Link parameters ignored"]')).toBeNull();
  });

  it('shows an answer it cannot use here only as what to do with it', async () => {
    // A tab with no sign-in waiting, as a sign-in window whose link to Keymint a consent page cut.
    await start({ code: 'the-code', state: STATE, repeated: false });
    const app = document.getElementById('app')!;
    expect(app.querySelector('h2')?.textContent).toBe('Finish in the Keymint that started this sign-in');
    expect(app.querySelector('pre')?.textContent).toBe(`${location.origin}${location.pathname}?code=the-code&state=${STATE}`);
    expect(app.querySelector('[role=status]')).toBeNull();
    expect(app.querySelector('a, form')).toBeNull();
  });
});
