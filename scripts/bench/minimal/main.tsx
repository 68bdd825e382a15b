// The least a page can do for the first-tap comparison: Preact renders one button that makes a
// PKCE verifier and challenge with oauth4webapi, keeps the verifier, and opens /auth.
import { render } from 'preact';
import { calculatePKCECodeChallenge, generateRandomCodeVerifier, generateRandomState } from 'oauth4webapi';

const AUTH_URL = `${import.meta.env.VITE_OPENROUTER_URL}/auth`;

async function authorize() {
  const verifier = generateRandomCodeVerifier();
  const state = generateRandomState();
  sessionStorage.setItem('minimal.signin', JSON.stringify({ verifier, state }));
  const url = new URL(AUTH_URL);
  url.searchParams.set('callback_url', location.origin + location.pathname);
  url.searchParams.set('code_challenge', await calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  location.assign(url);
}

render(
  <button type="button" onClick={() => void authorize()}>
    Authorize
  </button>,
  document.getElementById('app')!,
);
