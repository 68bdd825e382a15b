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

/** The app's module script failed to load: nothing will answer, so say why and what to change. */
function explain(e: Event) {
  if (!(e.target instanceof HTMLScriptElement) || e.target.type !== 'module') return;
  stopHolding();
  const note = document.createElement('p');
  note.className = 'box alert';
  note.setAttribute('role', 'alert');
  // A frame sandboxed without allow-same-origin has an opaque origin: its module scripts are fetched
  // as from another site, which works only when the host sends Access-Control-Allow-Origin.
  note.textContent =
    self.origin === 'null'
      ? 'Keymint cannot run here: the frame’s sandbox lacks allow-same-origin. Add it, or have Keymint’s host send Access-Control-Allow-Origin: *.'
      : 'Keymint’s script did not load. Check the connection and reload.';
  document.getElementById('app')?.prepend(note);
}

addEventListener('click', hold, true);
addEventListener(APP_READY, () => void release(), { once: true });
addEventListener('error', explain, true);
