// What a failed call to OpenRouter says to the person: the words for each reason the wire layer
// names, per endpoint, and what to do next.
import type { ApiFailure, CommonReason } from '../wire/answer';
import type { CreateCodeReason } from '../wire/create-code';
import type { ExchangeReason } from '../wire/exchange';
import type { KeyInfoReason } from '../wire/key-info';

export type Endpoint = 'exchange' | 'create-code' | 'key-info';

type Words = string | ((failure: ApiFailure) => string);

/** An endpoint's own reasons, each with its words, and any shared reason it says differently. */
type Table<Reason extends string> = Record<Exclude<Reason, CommonReason>, Words> & Partial<Record<CommonReason, Words>>;

export const COMMON_WORDS: Record<CommonReason, Words> = {
  timeout: 'OpenRouter did not answer in time.',
  unreachable: 'OpenRouter is unreachable: offline, or blocked by the browser (CORS).',
  'no-result': ({ status }) => `OpenRouter sent an unexpected answer (HTTP ${status}).`,
  'rate-limited': ({ status }) => `OpenRouter is rate-limiting (HTTP ${status}).`,
  server: ({ status }) => `OpenRouter failed (HTTP ${status}).`,
  refused: ({ status }) => `OpenRouter refused the request (HTTP ${status}).`,
};

export const WORDS: { exchange: Table<ExchangeReason>; 'create-code': Table<CreateCodeReason>; 'key-info': Table<KeyInfoReason> } = {
  exchange: {
    'no-result': 'OpenRouter answered without a key.',
    'method-mismatch': 'The challenge method does not match the sign-in’s.',
    'invalid-request': 'OpenRouter called the request invalid.',
    'code-expired': 'The code expired: codes last 10 minutes.',
    'code-invalid': 'The code is used or from another sign-in.',
    'wrong-method-or-scheme': 'The exchange needs POST over HTTPS: check Keymint’s OpenRouter URL.',
    'rate-limited': ({ retryAfterSeconds }) => `OpenRouter is rate-limiting: wait ${retryAfterSeconds === undefined ? 'a moment' : retryAfterSeconds + ' s'}.`,
  },
  'create-code': {
    'no-result': 'OpenRouter sent no code (no data.id).',
    'invalid-request': 'OpenRouter called the request invalid: fix the form.',
    'no-key-sent': 'OpenRouter got no key. Paste a valid key.',
    'key-refused': 'OpenRouter did not accept this key. Paste a valid key, copied whole.',
    'key-forbidden': 'OpenRouter refused this key: try the other kind, management or regular.',
    conflict: 'OpenRouter reported a conflict.',
  },
  'key-info': {
    'key-unknown': 'OpenRouter does not know the key yet (HTTP 401).',
  },
};

/** What to do, appended to every message. */
const ADVICE: Record<Endpoint, (failure: ApiFailure) => string> = {
  // Retry when the same code and verifier may still work, else Start again (a 405 is the build's fault).
  exchange: ({ retryable, reason }) => {
    if (retryable) return ' Retry reuses the code.';
    return reason === 'wrong-method-or-scheme' ? '' : ' Start again for a new code.';
  },
  // Unreachable may mean blocked by the browser (CORS): a program from the request view mints outside it.
  'create-code': ({ retryable, reason }) => {
    if (!retryable) return '';
    return reason === 'unreachable' ? ' Try again, or run a program from “As code”, outside the browser.' : ' Try again.';
  },
  // The key is there whatever the check says: nothing to do.
  'key-info': () => '',
};

/** What happened and what to do, in plain words, for a failure of a call to `endpoint`. */
export function failureMessage(failure: ApiFailure, endpoint: Endpoint): string {
  const table: Partial<Record<string, Words>> = WORDS[endpoint];
  const words = table[failure.reason] ?? COMMON_WORDS[failure.reason as CommonReason];
  return (typeof words === 'function' ? words(failure) : words) + ADVICE[endpoint](failure);
}
