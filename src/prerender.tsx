// Build time only: the first screen as HTML, so the page paints complete before any script runs.
// The browser's first render then reuses these elements instead of replacing them.
import { renderToString } from 'preact-render-to-string';
import { OPENROUTER_ORIGIN } from './config';
import { createSession } from './flow/session';
import { App } from './ui/App';

/** The page as a first visit at `pageUrl` sees it, before the PKCE challenge exists. */
export function prerenderApp(pageUrl: string): string {
  return renderToString(
    <App
      session={createSession({ origin: OPENROUTER_ORIGIN, appOrigin: new URL(pageUrl).origin, storage: null })}
      pageUrl={pageUrl}
      prefill={{ values: {}, notes: [] }}
      embedding={{ framed: false, parentOrigin: null, opaqueOrigin: false }}
      limits={[]}
      timeZone=""
    />,
  );
}
