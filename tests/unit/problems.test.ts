// The words a person reads for each problem and hint the checks name (src/ui/problems.ts).
import { describe, expect, it } from 'vitest';
import { parsePrefill } from '../../src/link/prefill';
import { hintText, ignoredText, problemText, reportText } from '../../src/ui/problems';
import { checkAppCategories, checkAppTitle, checkHttpReferer } from '../../src/wire/create-code';
import { checkForm, blankForm } from '../../src/wire/fields';
import type { Checked } from '../../src/wire/validate';

const NOW = new Date('2030-01-01T00:00:00Z');
const said = <T>(result: Checked<T>) => (result.ok ? result.hint && hintText(result.hint) : problemText(result.problem));

describe('the words of each problem', () => {
  it.each([
    [{ limit: '-1' }, 'limit', 'Use 0 or more.'],
    [{ limit: 'abc' }, 'limit', 'Enter plain digits, with a dot before cents, like 12.50.'],
    // A decimal comma is told to use a dot.
    [{ limit: '1,5' }, 'limit', 'Enter plain digits, with a dot before cents, like 12.50.'],
    [{ limit: '0.001' }, 'limit', 'Use whole cents: at most 2 decimals.'],
    [{ limit: '1000001' }, 'limit', 'Enter at most 1000000.'],
    [{ keyLabel: 'a'.repeat(101) }, 'keyLabel', 'Use at most 100 characters (this has 101).'],
    [{ keyLabel: 'a\nb' }, 'keyLabel', 'Remove line breaks, tabs and control characters.'],
    [{ callbackUrl: 'nope' }, 'callbackUrl', 'Enter a full https:// URL.'],
    [{ callbackUrl: 'http://keymint.example/' }, 'callbackUrl', 'Use https:// (http:// only on localhost or 127.0.0.1).'],
    [{ callbackUrl: 'https://u:p@keymint.example/' }, 'callbackUrl', 'Remove the user name and password.'],
    [{ callbackUrl: 'https://keymint.example/#x' }, 'callbackUrl', 'Remove the #fragment.'],
    [{ usageLimitType: 'yearly' }, 'usageLimitType', 'Use daily, weekly or monthly.'],
    [{ expiresAt: 'soon' }, 'expiresAt', 'Enter a full date and time, or choose Never.'],
    [{ expiresAt: '2029-01-01T00:00' }, 'expiresAt', 'Pick a time in the future.'],
    [{ codeChallengeMethod: 'S512' }, 'codeChallengeMethod', 'Use S256 or plain.'],
    [{ workspaceId: 'nope' }, 'workspaceId', 'Enter a UUID: 8-4-4-4-12 hex digits.'],
  ] as const)('form %j: %s says %j', (values, field, words) => {
    const report = checkForm({ ...blankForm('https://keymint.example/'), ...values }, NOW).reports[field];
    expect(reportText(report)).toEqual({ hint: undefined, error: words });
  });

  it('says the hints of the form', () => {
    const { reports } = checkForm({ ...blankForm('https://keymint.example:8443/'), codeChallengeMethod: 'plain' }, NOW);
    expect(reportText(reports.callbackUrl)).toEqual({ hint: undefined, error: undefined });
    expect(reportText(reports.codeChallengeMethod).hint).toBe('Anyone who sees the URL can redeem the code. Prefer S256.');
  });

  it('says the problems and hints of the attribution headers', () => {
    expect(said(checkHttpReferer('ftp://myapp.com/'))).toBe('Use an http(s) URL, not ftp:');
    expect(said(checkHttpReferer(`https://myapp.com/${'a'.repeat(2000)}`))).toBe('Use at most 2000 characters (this has 2018).');
    expect(said(checkHttpReferer('https://café.example/'))).toBe('Sent as https://xn--caf-dma.example/: headers carry ASCII only.');
    expect(said(checkAppTitle('tab\there'))).toBe('Use printable ASCII only: a header cannot carry "\\t".');
    expect(said(checkAppCategories('Cli-Agent'))).toBe('“Cli-Agent” is not a category: use up to 30 of a-z, 0-9 and single hyphens, like cli-agent.');
    expect(said(checkAppCategories('a,b,c'))).toBe('Use at most 2 categories (this has 3).');
  });

  it('says why a link parameter was ignored, one line each', () => {
    const lines = parsePrefill(
      `mode=key&theme=blue&code_challenge_method=plain&callback_url=x&limit=5&limit=6&what=1&expires_at=2027&expires_in=1w&${'n'.repeat(45)}=1`,
      NOW,
    ).notes.map(ignoredText);
    expect(lines).toEqual([
      'Ignored "mode": Use redirect, popup or paste.',
      'Ignored "theme": Use light or dark.',
      'Ignored "code_challenge_method": Choose it in the form.',
      'Ignored "callback_url": The callback is always this page.',
      // The repeat is ignored, not the parameter: the first value is used.
      'Ignored a repeated "limit": The first one counts.',
      'Ignored "what": Unknown parameter.',
      'Ignored "expires_at": Use UTC like 2027-01-31T12:00:00Z.',
      'Ignored "expires_in": expires_at is also given.',
      `Ignored "${'n'.repeat(40)}": Unknown parameter.`,
    ]);
    expect(ignoredText({ name: 'expires_in', problem: { problem: 'not-duration' } })).toBe('Ignored "expires_in": Use 7d, 12h or the like, up to 3650d.');
  });
});
