// Starts the app over the prerendered page: the session for a callback, the prefill of a link, and
// whatever the visitor already typed or chose before the script was there.
import { h, render } from 'preact';
import { OPENROUTER_ORIGIN } from './config';
import type { CallbackParams } from './flow/callback-url';
import { embeddingOf, reportHeight } from './flow/frame';
import { sessionStorageOf } from './flow/pending';
import { handBackUnlessWaiting } from './flow/popup';
import { createSession } from './flow/session';
import { parsePrefill } from './link/prefill';
import { App } from './ui/App';
import { controlId } from './ui/MintForm';
import type { SignIn } from './ui/ModePicker';
import { FORM_FIELDS, type FormValues } from './wire/fields';

/** Puts into `values` what the visitor changed in the prerendered form before the app took it over. */
function addEdits(values: Partial<FormValues>) {
  for (const field of FORM_FIELDS) {
    // Missing only on the dev server, which does not prerender.
    const control = document.getElementById(controlId(field)) as HTMLInputElement | HTMLSelectElement | null;
    if (!control) continue;
    const changed = control instanceof HTMLSelectElement ? !control.selectedOptions[0]?.defaultSelected : control.value !== control.defaultValue;
    if (changed) values[field] = control.value;
  }
}

/** `ready`: called once the app is rendered, to hand it a press that came before. */
export function start(callback: CallbackParams | null, ready: () => void) {
  const { origin, pathname, search } = window.location;
  const storage = sessionStorageOf(window);
  const root = document.getElementById('app')!;
  const embedding = embeddingOf(window);
  // In a popup, the sign-in belongs to the Keymint that opened it, unless this tab is the one waiting.
  if (callback && handBackUnlessWaiting(window, storage, callback, Date.now())) {
    root.textContent = 'Code handed back to Keymint. You can close this window.';
    return;
  }

  const session = createSession({ origin: OPENROUTER_ORIGIN, appOrigin: origin, storage });
  session.intake(callback);
  addEventListener('message', (e) => session.message(e));
  // The key exists only in this page: ask before a reload, a close or another sign-in drops it.
  addEventListener('beforeunload', (e) => session.phase.kind === 'minted' && e.preventDefault());

  if (embedding.framed) reportHeight(window, embedding.parentOrigin);
  const pageUrl = origin + pathname;
  const prefill = parsePrefill(search, new Date());
  if (prefill.theme) document.documentElement.dataset.theme = prefill.theme;
  addEdits(prefill.values);
  // A mode chosen on the prerendered page: checked, but not by the `checked` attribute it was rendered with.
  const picked = document.querySelector<HTMLInputElement>('input[name=mode]:checked:not([checked])');

  render(
    <App
      session={session}
      pageUrl={pageUrl}
      prefill={prefill}
      picked={picked?.value as SignIn | undefined}
      embedding={embedding}
      canRedirect={!!storage}
      timeZone={Intl.DateTimeFormat().resolvedOptions().timeZone}
    />,
    root,
  );
  ready();
}
