// Mints an OpenRouter API key with your key (OPENROUTER_API_KEY): makes its own PKCE verifier and
// challenge, creates a code (POST /api/v1/auth/keys/code), exchanges it (POST /api/v1/auth/keys)
// and prints the new key. Checked against @openrouter/sdk 1.3.19.
// An ES module (top-level await): save it as mint.mts and run `npx tsx mint.mts`.
import { OpenRouter } from "@openrouter/sdk";

/** The new key's settings, and who is asking (the attribution headers). */
interface Settings {
  /** OpenRouter's API, when it is not https://openrouter.ai/api/v1. */
  serverUrl?: string;
  httpReferer?: string;
  appTitle?: string;
  appCategories?: string;
  callbackUrl: string;
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

const { serverUrl, httpReferer, appTitle, appCategories, expiresAt, ...body } = settings;
const codeChallengeMethod = settings.codeChallengeMethod ?? "S256";
const openRouter = new OpenRouter({ apiKey: process.env.OPENROUTER_API_KEY, serverURL: serverUrl });
const { codeVerifier, codeChallenge } = await openRouter.oAuth.createSHA256CodeChallenge();

const { data } = await openRouter.oAuth.createAuthCode({
  httpReferer,
  appTitle,
  appCategories,
  requestBody: {
    ...body,
    // With plain, the verifier is its own challenge.
    codeChallenge: codeChallengeMethod === "plain" ? codeVerifier : codeChallenge,
    codeChallengeMethod,
    expiresAt: expiresAt === undefined ? undefined : new Date(expiresAt),
  },
});
const { key } = await openRouter.oAuth.exchangeAuthCodeForAPIKey({
  requestBody: { code: data.id, codeVerifier, codeChallengeMethod },
});
// The new key is this program's output (stdout), for the person who ran it; nothing else records it.
process.stdout.write(`${key}\n`);
