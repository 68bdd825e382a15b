// Starts the app over the prerendered page: in a sign-in window, only the hand-back; otherwise the
// session (with a callback, if one came), the prefill of a link, and whatever the visitor already
// typed or chose before the script was there.
import { render } from 'preact';
import { OPENROUTER_ORIGIN } from './config';
import { senderOf } from './flow/callback';
import type { CallbackParams } from './flow/callback-url';
import { embeddingOf, pageLimitsOf, reportHeight } from './flow/frame';
import { createPendingStore, sessionStorageOf } from './flow/pending';
import { createDraft } from './flow/pkce';
import { handBack, isSignInWindow, leaveSignInWindow } from './flow/popup';
import { createSession } from './flow/session';
import { parsePrefill, prefillOfRequested, type Prefill } from './link/prefill';
import { App } from './ui/App';
import { copyToClipboard } from './ui/clipboard';
import { controlId } from './ui/MintForm';
import { SignInWindow } from './ui/SignInWindow';
import { FORM_FIELDS } from './wire/fields';
import { isSignInMode } from './wire/sign-in-modes';

/**
 * Puts into the prefill what the visitor changed in the prerendered form before the app took it over:
 * an expiry typed by hand is no longer a link's relative one.
 */
function addEdits(prefill: Prefill) {
  for (const field of FORM_FIELDS) {
    // Missing only on the dev server, which does not prerender.
    const control = document.getElementById(controlId(field)) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) continue;
    const changed = control instanceof HTMLSelectElement ? !control.selectedOptions[0]?.defaultSelected : control.value !== control.defaultValue;
    if (!changed) continue;
    prefill.values[field] = control.value;
    if (field === 'expiresAt') delete prefill.expiresIn;
  }
}

/** Renders the app over the prerendered page; resolves once it has taken over. */
export async function start(callback: CallbackParams | null): Promise<void> {
  const { origin, pathname, search } = window.location;
  const root = document.getElementById('app')!;
  const pageUrl = origin + pathname;
  const sender = senderOf(document.referrer, OPENROUTER_ORIGIN);

  const storage = sessionStorageOf(window);
  const embedding = embeddingOf(window);
  if (callback) {
    // An answer this window can vouch for, when nobody here can check it: with a state the waiting
    // Keymint compares, or sent here by OpenRouter itself.
    const provable = callback.code !== undefined && !callback.repeated && (callback.state !== undefined || sender === 'openrouter');
    const answer = provable ? `${pageUrl}?${new URLSearchParams({ code: callback.code!, ...(callback.state && { state: callback.state }) })}` : null;
    const signInWindow = isSignInWindow(window);
    const pending = createPendingStore(storage);
    // A sign-in window whose link to Keymint was cut: a consent page with Cross-Origin-Opener-Policy
    // clears its name and opener too. Nothing waits in it, and no other page holds a handle to it.
    const orphaned = !signInWindow && !!answer && !embedding.framed && window.opener === null && !pending.load(Date.now());
    if (signInWindow || orphaned) {
      // It keeps no sign-in of its own: drop what window.open copied from the opener's sessionStorage.
      pending.clear();
      // A sign-in window hands its answer to the Keymint that opened it, and never exchanges it itself.
      const handedBack = signInWindow && handBack(window, callback, sender);
      root.replaceChildren();
      // Only what to do with the answer: the page's "How it works" is about the form, which is not here.
      document.querySelector('footer')?.remove();
      render(<SignInWindow handedBack={handedBack} answer={answer} onCopy={copyToClipboard} />, root);
      return;
    }
  }

  // The whole app runs here, even in a window once opened as a sign-in window.
  leaveSignInWindow(window);
  const session = createSession({ origin: OPENROUTER_ORIGIN, appOrigin: origin, storage });
  // A page that opened this tab, or frames it, could have navigated it to its callback.
  const requested = session.intake(callback, { exposed: embedding.framed || window.opener !== null, sender });
  addEventListener('message', (e) => session.message(e));
  // The key exists only in this page: ask before a reload or a close drops it.
  addEventListener('beforeunload', (e) => session.phase.kind === 'minted' && e.preventDefault());

  if (embedding.framed) reportHeight(window, embedding.parentOrigin);
  // Back from a redirect sign-in the form shows what it asked for; a link's own query wins.
  const prefill = search || !requested ? parsePrefill(search, new Date()) : prefillOfRequested(requested, new Date());
  if (prefill.theme) document.documentElement.dataset.theme = prefill.theme;
  addEdits(prefill);
  // A mode chosen on the prerendered page: checked, but not by the `checked` attribute it was rendered with.
  const picked = document.querySelector<HTMLInputElement>('input[name=mode]:checked:not([checked])')?.value ?? '';
  // A panel opened on the prerendered page stays open.
  const embedOpen = document.querySelector('#app details')?.hasAttribute('open') ?? false;
  const limits = pageLimitsOf(window, embedding, storage);
  // The first render already shows the challenge: the preview keeps its size, and a Copy or an
  // Authorize held before the app was there acts on the real request.
  const draft = limits.includes('insecure') ? undefined : await createDraft();

  render(
    <App
      session={session}
      pageUrl={pageUrl}
      prefill={prefill}
      picked={isSignInMode(picked) ? picked : undefined}
      embedding={embedding}
      limits={limits}
      draft={draft}
      embedOpen={embedOpen}
    />,
    root,
  );
}
