// Entry point. Imported modules only define things; the first statement that runs takes the
// callback parameters off the URL, before the session exists and before anything renders.
import { h, render } from 'preact';
import { OPENROUTER_ORIGIN } from './config';
import { takeCallbackFromUrl } from './flow/callback';
import { embeddingOf, reportHeight, type Embedding } from './flow/frame';
import { sessionStorageOf } from './flow/memory-storage';
import { createPendingStore } from './flow/pending';
import { handBackToOpener, openSignInPopup } from './flow/popup';
import { createSession, type Session } from './flow/session';
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
  const embedding = embeddingOf(window);
  const session = createSession({ origin: OPENROUTER_ORIGIN, appOrigin: window.location.origin, storage });
  session.intake(callback);
  addEventListener('message', (e) => session.message(e));
  // The key exists only in this page: ask before a reload, a close or another sign-in drops it.
  addEventListener('beforeunload', (e) => session.phase.kind === 'minted' && e.preventDefault());
  if (embedding.framed) reportHeight(window, embedding.parentOrigin);
  void show(session, embedding);
}

/** Renders the page, after reading the prefill from a link's query if there is one. */
async function show(session: Session, embedding: Embedding) {
  const pageUrl = window.location.origin + window.location.pathname;
  // Most visits carry no query; only a prefilled link loads the parser. (Not a top-level await:
  // the lazy chunk imports this one, and would wait for it forever.)
  const prefill: Prefill = window.location.search
    ? (await import('./link/prefill')).parsePrefill(window.location.search, new Date())
    : { values: {}, notes: [] };
  if (prefill.theme) document.documentElement.dataset.theme = prefill.theme;

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
