// Sign-in with OpenRouter for your own app, with these settings: send the person to the /auth URL,
// keep the verifier (in their session) and, when they come back to callbackUrl, exchange its code
// for their new key. No key of yours is needed. Checked against @openrouter/sdk 1.3.19.
// startSignIn and finishSignIn run in a browser or on a server; signIn and finishHere are for a
// browser tab that keeps the verifier in sessionStorage.
import { OpenRouter } from "@openrouter/sdk";

/** The settings of the keys people mint through your app. */
interface Settings {
  /** OpenRouter's API, when it is not https://openrouter.ai/api/v1; /auth is on the same origin. */
  serverUrl?: string;
  /** Your page that finishes the sign-in; without one, OpenRouter shows the code to paste. */
  callbackUrl?: string;
  /** S256 when not given. */
  codeChallengeMethod?: "S256" | "plain";
  /** UTC, with seconds: YYYY-MM-DDTHH:MM:SSZ. */
  expiresAt?: string;
  keyLabel?: string;
  limit?: number;
  usageLimitType?: "daily" | "weekly" | "monthly";
  workspaceId?: string;
}

const settings: Settings = { callbackUrl: "http://localhost:3000/callback" }; // @keymint-settings

const openRouter = new OpenRouter({ serverURL: settings.serverUrl });
const codeChallengeMethod = settings.codeChallengeMethod ?? "S256";

/** Where to send the person, and the verifier to keep for their return. */
export async function startSignIn(): Promise<{ url: string; codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await openRouter.oAuth.createSHA256CodeChallenge();
  const query = {
    callback_url: settings.callbackUrl,
    // With plain, the verifier is its own challenge.
    code_challenge: codeChallengeMethod === "plain" ? codeVerifier : codeChallenge,
    code_challenge_method: codeChallengeMethod,
    expires_at: settings.expiresAt,
    key_label: settings.keyLabel,
    limit: settings.limit,
    usage_limit_type: settings.usageLimitType,
    workspace_id: settings.workspaceId,
  };
  const url = new URL("/auth", settings.serverUrl ?? "https://openrouter.ai");
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return { url: url.href, codeVerifier };
}

/** The key for the code OpenRouter sent back to callbackUrl and the verifier kept for it. */
export async function finishSignIn(code: string, codeVerifier: string): Promise<string> {
  const { key } = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
    requestBody: { code, codeVerifier, codeChallengeMethod },
  });
  return key;
}

/** In a browser: sends this tab to OpenRouter, the verifier kept in sessionStorage. */
export async function signIn(): Promise<void> {
  const { url, codeVerifier } = await startSignIn();
  sessionStorage.setItem("openrouter-verifier", codeVerifier);
  location.assign(url);
}

/** In a browser, on the callback page: the new key, or null when no sign-in came back here. */
export async function finishHere(): Promise<string | null> {
  const code = new URLSearchParams(location.search).get("code");
  const codeVerifier = sessionStorage.getItem("openrouter-verifier");
  sessionStorage.removeItem("openrouter-verifier");
  history.replaceState(null, "", location.pathname);
  return code && codeVerifier ? finishSignIn(code, codeVerifier) : null;
}
