// Entry point: the whole app, in one module script that the browser fetches while it parses the
// prerendered page and runs right after. The first statement takes the callback parameters off
// the URL, before anything else can read them.
import { takeCallbackFromUrl } from './flow/callback-url';
import { APP_READY } from './early/ready';
import { start } from './start';
import './styles.css';

const callback = takeCallbackFromUrl(location.href, history);
await start(callback);
// Hands over the presses the early script held while the app was on its way.
dispatchEvent(new Event(APP_READY));
