// Entry point. Imported modules only define things; the first statement that runs takes the
// callback parameters off the URL, before the session exists and before anything renders.
import { h, render } from 'preact';
import { OPENROUTER_ORIGIN } from './config';
import { takeCallbackFromUrl } from './flow/callback';
import { createSession } from './flow/session';
import { App } from './ui/App';
import { blankForm } from './wire/fields';
import './styles.css';

const callback = takeCallbackFromUrl(window.location.href, window.history);

const session = createSession({ origin: OPENROUTER_ORIGIN, storage: window.sessionStorage });
session.intake(callback);
// The key exists only in this page: ask before a reload, a close or another sign-in drops it.
addEventListener('beforeunload', (e) => session.phase.kind === 'minted' && e.preventDefault());

render(
  <App
    session={session}
    origin={OPENROUTER_ORIGIN}
    initialValues={blankForm(window.location.origin + window.location.pathname)}
    navigate={(url) => window.location.assign(url)}
  />,
  document.getElementById('app')!,
);
