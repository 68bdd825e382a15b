// What a person reads about a field's text: the words for each problem and hint the checks name,
// and for each link parameter the prefill ignored.
import type { IgnoredParameter, LinkProblem } from '../link/prefill';
import type { FieldReport, Hint } from '../wire/validate';

/** `a`, `a or b`, `a, b or c`. */
const either = (choices: readonly string[]) => (choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices.join(''));

type Words<Union, Key extends string & keyof Union> = { [K in Union[Key] & string]: string | ((values: Extract<Union, Record<Key, K>>) => string) };

const PROBLEM_WORDS: Words<LinkProblem, 'problem'> = {
  'not-url': 'Enter a full https:// URL.',
  'has-credentials': 'Remove the user name and password.',
  'has-fragment': 'Remove the #fragment.',
  'not-https': 'Use https:// (http:// only on localhost or 127.0.0.1).',
  'not-http': ({ scheme }) => `Use an http(s) URL, not ${scheme}`,
  'control-chars': 'Remove line breaks, tabs and control characters.',
  'too-long': ({ max, length }) => `Use at most ${max} characters (this has ${length}).`,
  negative: 'Use 0 or more.',
  'not-digits': 'Enter plain digits, with a dot before cents, like 12.50.',
  'sub-cent': 'Use whole cents: at most 2 decimals.',
  'too-big': ({ max }) => `Enter at most ${max}.`,
  'not-one-of': ({ choices }) => `Use ${either(choices)}.`,
  'not-date': 'Enter a full date and time, or choose Never.',
  past: 'Pick a time in the future.',
  'not-uuid': 'Enter a UUID: 8-4-4-4-12 hex digits.',
  'not-ascii': ({ char }) => `Use printable ASCII only: a header cannot carry ${JSON.stringify(char)}.`,
  'not-category': ({ text }) => `“${text}” is not a category: use up to 30 of a-z, 0-9 and single hyphens, like cli-agent.`,
  'too-many': ({ max, count }) => `Use at most ${max} categories (this has ${count}).`,
  'no-key': 'Paste an OpenRouter API key.',
  'not-key-chars': 'The key has spaces or characters no key has: copy it again, whole.',
  // Only in links.
  repeated: 'The first one counts.',
  'unknown-parameter': 'Unknown parameter.',
  'callback-is-page': 'The callback is always this page.',
  'method-in-form': 'Choose it in the form.',
  'both-expiries': 'expires_at is also given.',
  'not-utc': 'Use UTC like 2027-01-31T12:00:00Z.',
  'not-duration': 'Use 7d, 12h or the like, up to 3650d.',
};

const HINT_WORDS: Words<Hint, 'hint'> = {
  'plain-method': 'Anyone who sees the URL can redeem the code. Prefer S256.',
  'sent-as-ascii': ({ href }) => `Sent as ${href}: headers carry ASCII only.`,
  'unusual-key-prefix': 'OpenRouter keys usually start with sk-or-v1-; this one may not work.',
};

/** Words as they are, or said with the values they need. */
const say = <T>(words: string | ((values: T) => string), values: T) => (typeof words === 'string' ? words : words(values));

/** What is wrong with a field's text (or a link parameter's), in plain words. */
export const problemText = (problem: LinkProblem): string => say(PROBLEM_WORDS[problem.problem] as string | ((values: LinkProblem) => string), problem);

export const hintText = (hint: Hint): string => say(HINT_WORDS[hint.hint] as string | ((values: Hint) => string), hint);

/** One line for a link parameter the prefill ignored; of a repeated one, only the repeat is. */
export const ignoredText = ({ name, problem }: IgnoredParameter): string =>
  `Ignored ${problem.problem === 'repeated' ? 'a repeated ' : ''}${JSON.stringify(name)}: ${problemText(problem)}`;

/** A field's report in words: its hint, and the problem that blocks it. */
export const reportText = (report: FieldReport | undefined) => ({
  hint: report?.hint && hintText(report.hint),
  error: report?.problem && problemText(report.problem),
});
