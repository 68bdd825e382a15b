// What a sign-in needs once it starts: the session and the panels it shows. Loaded on the first
// interaction, or at once when the page comes back from OpenRouter; a first visit shows the form only.
export { createSession } from '../flow/session';
export { handBackUnlessWaiting } from '../flow/popup';
export { alertOf, handoffOf, statusOf } from './phase';
export { KeyPanel } from './KeyPanel';
export { WaitingPanel } from './WaitingPanel';
