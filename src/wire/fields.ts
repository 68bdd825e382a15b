// OpenRouter's CreateAuthKeysCodeRequestBody, in the SDKs' camelCase vocabulary, and the one table
// of its fields: the snake_case name each travels under and how the form's text becomes its value.
import {
  checkCallbackUrl,
  checkCodeChallengeMethod,
  checkExpiresAt,
  checkFields,
  checkKeyLabel,
  checkLimit,
  checkUsageLimitType,
  checkWorkspaceId,
  type Checked,
  type FieldReport,
} from './validate';

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

interface FieldRule<F extends BodyField> {
  /** OpenRouter's name for the field, in the /auth URL and the JSON body. */
  wire: Snake<F>;
  /** The form control's text to the value sent; none for the challenge, which is generated, never typed. */
  check?: (raw: string, now: Date) => Checked<NonNullable<AuthKeysCodeRequestBody[F]>>;
  /** The control's text in an empty form, when not empty. */
  blank?: string;
}

/**
 * Every body field, one row each, in the form's order. The words a person reads for each field are
 * FIELD_TEXT's (src/ui/MintForm.tsx); what the minted key got is compared by APPLIED_SETTINGS
 * (key-info.ts). The /auth URL leads with the PKCE core (request.ts); the JSON body follows the
 * SDK's order (SDK_BODY_ORDER).
 */
export const BODY_FIELDS = {
  callbackUrl: { wire: 'callback_url', check: checkCallbackUrl },
  keyLabel: { wire: 'key_label', check: checkKeyLabel },
  limit: { wire: 'limit', check: checkLimit },
  usageLimitType: { wire: 'usage_limit_type', check: checkUsageLimitType },
  expiresAt: { wire: 'expires_at', check: checkExpiresAt },
  codeChallenge: { wire: 'code_challenge' },
  codeChallengeMethod: { wire: 'code_challenge_method', check: checkCodeChallengeMethod, blank: 'S256' },
  workspaceId: { wire: 'workspace_id', check: checkWorkspaceId },
} as const satisfies { [F in BodyField]: FieldRule<F> };

type Rules = typeof BODY_FIELDS;

/** Our name → OpenRouter's wire name, from BODY_FIELDS. */
export const WIRE_NAMES = Object.fromEntries(Object.entries(BODY_FIELDS).map(([field, rule]) => [field, rule.wire])) as {
  [F in BodyField]: Rules[F]['wire'];
};

export type WireName = (typeof WIRE_NAMES)[BodyField];

/** The fields a person fills in: all but the challenge. */
export type FormField = { [F in BodyField]: Rules[F] extends { check: unknown } ? F : never }[BodyField];

/** Raw text of each form control. `expiresAt` here is a `datetime-local` value in local time. */
export type FormValues = Record<FormField, string>;

export const FORM_FIELDS = (Object.keys(BODY_FIELDS) as BodyField[]).filter((field): field is FormField => 'check' in BODY_FIELDS[field]);

/** A form with only the callback filled in, and S256, its keys in form order. */
export const blankForm = (callbackUrl: string): FormValues => {
  const values = Object.fromEntries(FORM_FIELDS.map((field) => [field, (BODY_FIELDS[field] as FieldRule<FormField>).blank ?? ''])) as FormValues;
  return { ...values, callbackUrl };
};

export interface FormCheck {
  /** Every valid, non-empty field; invalid fields are left out. */
  body: Partial<AuthKeysCodeRequestBody>;
  reports: Partial<Record<FormField, FieldReport>>;
  valid: boolean;
}

/** Checks every form field, in form order, which is the order of the reports. */
export function checkForm(values: FormValues, now: Date): FormCheck {
  const checks = Object.fromEntries(FORM_FIELDS.map((field) => [field, (raw: string) => BODY_FIELDS[field].check(raw, now)]));
  const { values: body, ...rest } = checkFields(checks as Record<FormField, (raw: string) => Checked<unknown>>, (field) => values[field]);
  // Each check returns its own field's wire type (a number for the limit, an enum for the reset).
  return { body: body as Partial<AuthKeysCodeRequestBody>, ...rest };
}
