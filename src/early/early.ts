// Inlined into <head> at build time, allowed by its hash in the CSP, and run while the page is
// still parsing. Until the app has taken over the prerendered page, a press on a button is held
// and shown as busy, then given to the app in order; a script that cannot load is explained.
import { APP_READY } from './ready';

const held: HTMLButtonElement[] = [];

function hold(e: Event) {
  const button = e.target instanceof Element ? e.target.closest('button') : null;
  if (!button) return;
  // Also stops the submit that a press on Authorize, or Enter in a field, would start.
  e.preventDefault();
  button.setAttribute('aria-busy', 'true');
  // Pressing the same button again while it waits asks for the same thing once.
  if (held.at(-1) !== button) held.push(button);
}

function stopHolding() {
  removeEventListener('click', hold, true);
  for (const button of held) button.removeAttribute('aria-busy');
}

async function release() {
  stopHolding();
  for (const button of held.splice(0)) {
    button.click();
    // The app renders what that press changed before the next press reads the form.
    await new Promise((resolve) => setTimeout(resolve));
  }
}

/**
 * The app's module script failed to load: nothing will answer, so the page shows why. The words are
 * in index.html, hidden until then.
 */
function explain(e: Event) {
  if (!(e.target instanceof HTMLScriptElement) || e.target.type !== 'module') return;
  stopHolding();
  // A frame sandboxed without allow-same-origin has an opaque origin: its module scripts are fetched
  // as from another site, which works only when the host sends Access-Control-Allow-Origin.
  document.getElementById(self.origin === 'null' ? 'script-refused' : 'script-failed')!.hidden = false;
}

addEventListener('click', hold, true);
addEventListener(APP_READY, () => void release(), { once: true });
addEventListener('error', explain, true);
