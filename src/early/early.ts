// Inlined into <head> at build time, allowed by its hash in the CSP, and run while the page is
// still parsing. Until the app has taken over the prerendered page, a press on a button is held
// and shown as busy, then given to the app in order; a script that cannot load is explained.
import { APP_READY } from './ready';

const held: HTMLButtonElement[] = [];

/** A press before the app: no submit (Authorize, or Enter in a field), busy at once, kept once per button. */
function hold(e: Event) {
  const button = (e.target as Element).closest?.('button');
  if (!button) return;
  e.preventDefault();
  button.ariaBusy = 'true';
  if (!held.includes(button)) held.push(button);
}

/** No more holding: what is held is either handed to the app or will never be answered. */
function stopHolding() {
  removeEventListener('click', hold, true);
  for (const button of held) button.ariaBusy = null;
}

addEventListener('click', hold, true);

addEventListener(
  APP_READY,
  async () => {
    stopHolding();
    for (const button of held) {
      button.click();
      // The app renders what that press changed before the next press reads the form.
      await new Promise((resolve) => setTimeout(resolve));
    }
  },
  { once: true },
);

// The app's script failed to load, so nothing will answer: the page shows why, in words that
// index.html keeps hidden until then. A frame sandboxed without allow-same-origin has an opaque
// origin: its module scripts are fetched as from another site, which works only when the host
// sends Access-Control-Allow-Origin.
addEventListener(
  'error',
  (e) => {
    if (!(e.target instanceof HTMLScriptElement)) return;
    stopHolding();
    document.getElementById(self.origin === 'null' ? 'script-refused' : 'script-failed')!.hidden = false;
  },
  true,
);
