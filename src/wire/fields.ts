// OpenRouter's CreateAuthKeysCodeRequestBody, in the SDKs' camelCase vocabulary, and the one
// mapping to the snake_case names that travel on the wire.

export type CodeChallengeMethod = 'S256' | 'plain';
export type UsageLimitType = 'daily' | 'weekly' | 'monthly';

export const CODE_CHALLENGE_METHODS: readonly CodeChallengeMethod[] = ['S256', 'plain'];
export const USAGE_LIMIT_TYPES: readonly UsageLimitType[] = ['daily', 'weekly', 'monthly'];

export interface AuthKeysCodeRequestBody {
  callbackUrl: string;
  codeChallenge?: string;
  codeChallengeMethod?: CodeChallengeMethod;
  /** Credit limit in USD. */
  limit?: number;
  /** UTC, `YYYY-MM-DDTHH:MM:SSZ`. */
  expiresAt?: string;
  keyLabel?: string;
  usageLimitType?: UsageLimitType;
  workspaceId?: string;
}

export type BodyField = keyof AuthKeysCodeRequestBody;

/** Our name → OpenRouter's wire name. The body's key order is the SDK's: `SDK_BODY_ORDER` in request.ts. */
export const WIRE_NAMES = {
  callbackUrl: 'callback_url',
  codeChallenge: 'code_challenge',
  codeChallengeMethod: 'code_challenge_method',
  limit: 'limit',
  expiresAt: 'expires_at',
  keyLabel: 'key_label',
  usageLimitType: 'usage_limit_type',
  workspaceId: 'workspace_id',
} as const satisfies Record<BodyField, string>;

export type WireName = (typeof WIRE_NAMES)[BodyField];

/** The fields a person fills in; the challenge is always generated, never typed. */
export type FormField = Exclude<BodyField, 'codeChallenge'>;

export const FORM_FIELDS: readonly FormField[] = [
  'callbackUrl',
  'keyLabel',
  'limit',
  'usageLimitType',
  'expiresAt',
  'codeChallengeMethod',
  'workspaceId',
];

/** Raw text of each form control. `expiresAt` here is a `datetime-local` value in local time. */
export type FormValues = Record<FormField, string>;

/** A form with only the callback filled in, and S256. */
export const blankForm = (callbackUrl: string): FormValues => ({
  callbackUrl,
  keyLabel: '',
  limit: '',
  usageLimitType: '',
  expiresAt: '',
  codeChallengeMethod: 'S256',
  workspaceId: '',
});
