// The settings every snippet test runs each generator with: every field set, only the callback,
// plain, an integer limit, and a label full of quotes, backslashes, $, emoji and `\n` as text.
import type { AuthKeysCodeRequestBody } from '../../src/wire/fields';
import type { Attribution } from '../../src/wire/create-code';

export interface Variant {
  name: string;
  body: Partial<AuthKeysCodeRequestBody>;
  attribution: Attribution;
}

/** A week from now in whole seconds, UTC: an expiry OpenRouter and the stand-in accept. */
export const inAWeek = (): string => new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const HOSTILE_LABEL = 'Bob\'s "key" \\ $HOME $(id) `id` ${x} %s 🔑 \\n line\\nbreak';

export const variants = (expiresAt = '2027-01-01T00:00:00Z'): Variant[] => [
  {
    name: 'every field',
    body: {
      callbackUrl: 'https://myapp.com/auth/callback',
      // Keymint's own challenge: no program may use it.
      codeChallenge: 'KEYMINTS-OWN-CHALLENGE-never-in-a-program',
      codeChallengeMethod: 'S256',
      limit: 12.5,
      expiresAt,
      keyLabel: 'CI key',
      usageLimitType: 'monthly',
      workspaceId: '3f2b8c1e-9d4a-4b6f-8e2d-1a2b3c4d5e6f',
    },
    attribution: { httpReferer: 'https://myapp.com/', appTitle: 'My App', appCategories: 'cli-agent,cloud-agent' },
  },
  { name: 'only the callback', body: { callbackUrl: 'http://localhost:3000/callback' }, attribution: {} },
  { name: 'plain', body: { callbackUrl: 'https://myapp.com/cb', codeChallengeMethod: 'plain', usageLimitType: 'daily' }, attribution: { appTitle: 'Plain' } },
  { name: 'integer limit', body: { callbackUrl: 'https://myapp.com/cb', codeChallengeMethod: 'S256', limit: 5, usageLimitType: 'weekly' }, attribution: {} },
  {
    name: 'hostile label',
    body: { callbackUrl: 'https://myapp.com/cb?next=/a"b', codeChallengeMethod: 'S256', keyLabel: HOSTILE_LABEL },
    attribution: { appTitle: `It's "$x" \\ \`y\`` },
  },
];
