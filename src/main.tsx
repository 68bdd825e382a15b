// Entry point, and all a first visit runs until the visitor does something: the page itself is
// prerendered HTML. The first statement takes the callback parameters off the URL, before anything
// else can read them; the app loads at once when there is something to act on (a callback, a
// prefilled link, a frame to size), otherwise on the first focus, press or key.
import { takeCallbackFromUrl } from './flow/callback-url';
import './styles.css';

const callback = takeCallbackFromUrl(location.href, history);
const WAKE = ['focusin', 'pointerdown', 'keydown'] as const;

// A press on a prerendered button before the app has rendered (Enter in a field clicks the form's
// submit button too, so holding that click also stops the submit): held, then given to the app
// (the same element: its first render reuses the prerendered markup).
let held: HTMLElement | null = null;
const hold = (e: Event) => {
  const button = (e.target as HTMLElement).closest('button');
  if (!button) return;
  e.preventDefault();
  held = button;
};

// Loads the app once, whichever wake-up event comes first.
let app: Promise<void> | undefined;
const start = () =>
  (app ??= import('./start').then(({ start }) =>
    start(callback, () => {
      removeEventListener('click', hold, true);
      held?.click();
    }),
  ));

addEventListener('click', hold, true);
if (callback || location.search || top !== self) start();
else for (const type of WAKE) addEventListener(type, start, { capture: true, passive: true, once: true });
