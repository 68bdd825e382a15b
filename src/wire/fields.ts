// OpenRouter's CreateAuthKeysCodeRequestBody, in the SDKs' camelCase vocabulary, and the one
// mapping to the snake_case names that travel on the wire.

export type CodeChallengeMethod = 'S256' | 'plain';
export type UsageLimitType = 'daily' | 'weekly' | 'monthly';

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

/** `keyLabel` → `key_label`, in the type system. */
type Snake<S extends string> = S extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${Snake<Rest>}` : S;

/** `keyLabel` → `key_label`: OpenRouter's wire name for one of ours. */
export const snakeCase = <S extends string>(name: S): Snake<S> => name.replace(/[A-Z]/g, '_$&').toLowerCase() as Snake<S>;

/**
 * Our name → OpenRouter's wire name. This order is the /auth URL's (the PKCE core first); the
 * body's is the SDK's: `SDK_BODY_ORDER` in request.ts.
 */
export const WIRE_NAMES = {
  callbackUrl: 'callback_url',
  codeChallenge: 'code_challenge',
  codeChallengeMethod: 'code_challenge_method',
  limit: 'limit',
  expiresAt: 'expires_at',
  keyLabel: 'key_label',
  usageLimitType: 'usage_limit_type',
  workspaceId: 'workspace_id',
} as const satisfies { [F in BodyField]: Snake<F> };

export type WireName = (typeof WIRE_NAMES)[BodyField];

/** The fields a person fills in; the challenge is always generated, never typed. */
export type FormField = Exclude<BodyField, 'codeChallenge'>;

/** Raw text of each form control. `expiresAt` here is a `datetime-local` value in local time. */
export type FormValues = Record<FormField, string>;

/** An empty form with S256, its keys in form order. */
const BLANK: FormValues = {
  callbackUrl: '',
  keyLabel: '',
  limit: '',
  usageLimitType: '',
  expiresAt: '',
  codeChallengeMethod: 'S256',
  workspaceId: '',
};

export const FORM_FIELDS = Object.keys(BLANK) as readonly FormField[];

/** A form with only the callback filled in, and S256. */
export const blankForm = (callbackUrl: string): FormValues => ({ ...BLANK, callbackUrl });
