// The checks of what a person types: each takes the raw control text and returns the value to send
// (undefined when left empty), or the problem that stops it, as a code with the values its words
// need. Only codes here: the words the person reads are src/ui/problems.ts's.
import type { CodeChallengeMethod, UsageLimitType } from './fields';
import { parseLocalDateTime, toUtcSeconds } from './expiry';

/** What is wrong with a field's text. */
export type Problem =
  /** Not a URL at all. */
  | { problem: 'not-url' }
  | { problem: 'has-credentials' }
  | { problem: 'has-fragment' }
  /** A callback must be https://, or http:// on localhost or 127.0.0.1. */
  | { problem: 'not-https' }
  /** A scheme other than http(s), such as `ftp:`. */
  | { problem: 'not-http'; scheme: string }
  | { problem: 'control-chars' }
  | { problem: 'too-long'; max: number; length: number }
  | { problem: 'negative' }
  | { problem: 'not-digits' }
  | { problem: 'sub-cent' }
  | { problem: 'too-big'; max: number }
  | { problem: 'not-one-of'; choices: readonly string[] }
  | { problem: 'not-date' }
  | { problem: 'past' }
  | { problem: 'not-uuid' }
  /** A header can carry only printable ASCII; `char` is the first other character. */
  | { problem: 'not-ascii'; char: string }
  /** `text` (cut to 40 characters) is not a lowercase-hyphenated category. */
  | { problem: 'not-category'; text: string }
  | { problem: 'too-many'; max: number; count: number }
  | { problem: 'no-key' }
  | { problem: 'not-key-chars' };

/** What is worth knowing about a valid field's text. */
export type Hint =
  /** With `plain`, the verifier itself travels in the URL. */
  | { hint: 'plain-method' }
  /** A header carries ASCII only: the URL is sent as `href` (punycode, %-escapes). */
  | { hint: 'sent-as-ascii'; href: string }
  | { hint: 'unusual-key-prefix' };

export type Checked<T> = { ok: true; value: T | undefined; hint?: Hint } | { ok: false; problem: Problem };

type ProblemCode = Problem['problem'];
/** The values a problem's words need, besides its code. */
type ProblemValues<C extends ProblemCode> = Omit<Extract<Problem, { problem: C }>, 'problem'>;

export const ok = <T>(value?: T, hint?: Hint): Checked<T> => ({ ok: true, value, hint });
/** A failed check: the problem's code, and its values when it has any. */
export const bad = <C extends ProblemCode>(problem: C, ...values: {} extends ProblemValues<C> ? [] : [ProblemValues<C>]): Checked<never> => ({
  ok: false,
  problem: { problem, ...values[0] } as Problem,
});

/** Trims the text; an empty field is valid and sends nothing. */
export const optional =
  <T, A extends unknown[]>(check: (text: string, ...rest: A) => Checked<T>) =>
  (raw: string, ...rest: A): Checked<T> =>
    (raw = raw.trim()) ? check(raw, ...rest) : ok();

/**
 * Parses a full URL, refuses one that carries a user name or password, and hands it to `check`
 * for the rules of its field.
 */
export function checkUrl(text: string, check: (url: URL) => Checked<string>): Checked<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('not-url');
  }
  if (url.username || url.password) return bad('has-credentials');
  return check(url);
}

// Any port: OpenRouter's spec since June 2026 ("https URLs and localhost/127.0.0.1 URLs on any
// port"); the older "only ports 443 and 3000" is gone from it.
export const checkCallbackUrl = (raw: string) =>
  checkUrl(raw.trim(), ({ href }) => {
    if (href.includes('#')) return bad('has-fragment');
    if (!/^https:|^http:\/\/(localhost|127\.0\.0\.1)[:/]/.test(href)) return bad('not-https');
    return ok(href);
  });

export const checkKeyLabel = optional((text): Checked<string> => {
  const length = [...text].length;
  if (/[\0-\x1f\x7f-\x9f]/.test(text)) return bad('control-chars');
  if (length > 100) return bad('too-long', { max: 100, length });
  return ok(text);
});

export const checkLimit = optional((text): Checked<number> => {
  if (text[0] === '-') return bad('negative');
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) return bad('not-digits');
  if (/\.\d{3}/.test(text)) return bad('sub-cent');
  if (+text > 1e6) return bad('too-big', { max: 1e6 });
  return ok(+text);
});

export const USAGE_LIMIT_TYPES: readonly UsageLimitType[] = ['daily', 'weekly', 'monthly'];

/** Empty: the limit never resets. */
export function checkUsageLimitType(raw: string): Checked<UsageLimitType> {
  if (!raw) return ok();
  const type = USAGE_LIMIT_TYPES.find((type) => type === raw);
  return type ? ok(type) : bad('not-one-of', { choices: USAGE_LIMIT_TYPES });
}

export const checkExpiresAt = optional((text, now: Date): Checked<string> => {
  const date = parseLocalDateTime(text);
  if (!date) return bad('not-date');
  if (date <= now) return bad('past');
  return ok(toUtcSeconds(date));
});

export const CODE_CHALLENGE_METHODS: readonly CodeChallengeMethod[] = ['S256', 'plain'];

export function checkCodeChallengeMethod(raw: string): Checked<CodeChallengeMethod> {
  if (raw === 'S256') return ok(raw);
  if (raw === 'plain') return ok(raw, { hint: 'plain-method' });
  return bad('not-one-of', { choices: CODE_CHALLENGE_METHODS });
}

export const checkWorkspaceId = optional((text): Checked<string> => {
  if (!/^[\da-f]{8}(-[\da-f]{4}){3}-[\da-f]{12}$/i.test(text)) return bad('not-uuid');
  return ok(text.toLowerCase());
});

/** What the person reads next to a field: the problem that blocks it, or a hint. */
export interface FieldReport {
  problem?: Problem;
  hint?: Hint;
}

/**
 * Runs one check per field, in the order of `checks`: the values of the valid, non-empty fields,
 * and a report for every field with a problem or a hint, in that same order.
 */
export function checkFields<F extends string, V>(checks: Record<F, (raw: string) => Checked<V>>, raw: (field: F) => string) {
  const values: Partial<Record<F, V>> = {};
  const reports: Partial<Record<F, FieldReport>> = {};
  let valid = true;
  for (const field of Object.keys(checks) as F[]) {
    const result = checks[field](raw(field));
    if (!result.ok) {
      reports[field] = { problem: result.problem };
      valid = false;
    } else {
      if (result.value !== undefined) values[field] = result.value;
      if (result.hint) reports[field] = { hint: result.hint };
    }
  }
  return { values, reports, valid };
}
