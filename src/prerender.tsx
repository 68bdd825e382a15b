// Build time only: the first screen as HTML, so the page paints complete before any script runs.
// The browser's first render then reuses these elements instead of replacing them.
import { renderToString } from 'preact-render-to-string';
import { OPENROUTER_ORIGIN } from './config';
import { createSession } from './flow/session';
import { App } from './ui/App';

/**
 * The page as a first visit sees it before the script runs: no PKCE challenge yet, and this page's
 * address only when the build was told where it will be served (`pageUrl`, else empty).
 */
export function prerenderApp(pageUrl: string): string {
  return renderToString(
    <App
      session={createSession({ origin: OPENROUTER_ORIGIN, appOrigin: pageUrl && new URL(pageUrl).origin, storage: null })}
      pageUrl={pageUrl}
      prefill={{ values: {}, notes: [] }}
      embedding={{ framed: false, parentOrigin: null, opaqueOrigin: false }}
      limits={[]}
    />,
  );
}
