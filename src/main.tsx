// Entry point. Imported modules only define things; the first statement that runs takes the
// callback parameters off the URL, before the session exists and before anything renders.
import { h, render } from 'preact';
import { OPENROUTER_ORIGIN } from './config';
import { takeCallbackFromUrl } from './flow/callback';
import { embeddingOf, reportHeight } from './flow/frame';
import { sessionStorageOf } from './flow/memory-storage';
import { createPendingStore } from './flow/pending';
import { handBackToOpener, openSignInPopup } from './flow/popup';
import { createSession } from './flow/session';
import type { Prefill } from './link/prefill';
import { App } from './ui/App';
import { blankForm } from './wire/fields';
import './styles.css';

const callback = takeCallbackFromUrl(window.location.href, window.history);
const storage = sessionStorageOf(window);
const root = document.getElementById('app')!;

// In a popup, the sign-in belongs to the Keymint that opened it, unless this tab is the one waiting.
const waitsHere = !!callback?.state && !!storage && !!createPendingStore(storage).get(callback.state, Date.now());
if (callback && !waitsHere && handBackToOpener(window, callback)) {
  root.textContent = 'Code handed back to Keymint. You can close this window.';
} else {
  const pageUrl = window.location.origin + window.location.pathname;
  const embedding = embeddingOf(window);
  // Most visits carry no query; only a prefilled link loads the parser.
  const prefill: Prefill = window.location.search
    ? (await import('./link/prefill')).parsePrefill(window.location.search, new Date())
    : { values: {}, notes: [] };
  if (prefill.theme) document.documentElement.dataset.theme = prefill.theme;

  const session = createSession({ origin: OPENROUTER_ORIGIN, appOrigin: window.location.origin, storage });
  session.intake(callback);
  addEventListener('message', (e) => session.message(e));
  // The key exists only in this page: ask before a reload, a close or another sign-in drops it.
  addEventListener('beforeunload', (e) => session.phase.kind === 'minted' && e.preventDefault());
  if (embedding.framed) reportHeight(window, embedding.parentOrigin);

  render(
    <App
      session={session}
      origin={OPENROUTER_ORIGIN}
      pageUrl={pageUrl}
      initialValues={blankForm(pageUrl)}
      prefill={prefill}
      embedding={embedding}
      canRedirect={!!storage}
      navigate={(url) => window.location.assign(url)}
      openPopup={() => openSignInPopup(window, embedding.framed)}
      openTab={(url) => window.open(url, '_blank', 'noopener,noreferrer')}
    />,
    root,
  );
}
