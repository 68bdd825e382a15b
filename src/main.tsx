// Entry point, and all a first visit runs until the visitor does something: the page itself is
// prerendered HTML. The first statement takes the callback parameters off the URL, before anything
// else can read them; the app loads at once when there is something to act on (a callback, a
// prefilled link, a frame to size), otherwise on the first focus, press or key.
import { takeCallbackFromUrl } from './flow/callback-url';
import './styles.css';

const callback = takeCallbackFromUrl(window.location.href, window.history);
const WAKE = ['focusin', 'pointerdown', 'keydown'] as const;

// A press on a prerendered button, or Enter in a field, before the app has rendered: held, then
// given to the app (the same element: its first render reuses the prerendered markup).
let held: HTMLElement | null = null;
const hold = (e: Event) => {
  const target = e.target as HTMLElement;
  const button = e.type === 'submit' ? (target.querySelector('[type=submit]') as HTMLElement | null) : target.closest('button');
  if (!button) return;
  e.preventDefault();
  held = button;
};

let started = false;
const start = () => {
  if (started) return;
  started = true;
  void import('./start').then(({ start }) =>
    start(callback, () => {
      removeEventListener('click', hold, true);
      removeEventListener('submit', hold, true);
      held?.click();
    }),
  );
};

addEventListener('click', hold, true);
addEventListener('submit', hold, true);
if (callback || window.location.search || window.top !== window.self) start();
else for (const type of WAKE) addEventListener(type, start, { capture: true, passive: true, once: true });
