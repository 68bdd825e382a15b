import { describe, expect, it } from 'vitest';
import { parseLocalDateTime, presetValue, toLocalDateTimeValue, toUtcSeconds } from '../../src/wire/expiry';

// The unit project runs in Europe/Berlin: UTC+1 in winter, UTC+2 in summer.
describe('expiry conversions', () => {
  it('reads datetime-local values as local time and sends UTC with seconds', () => {
    expect(toUtcSeconds(parseLocalDateTime('2030-01-15T09:30')!)).toBe('2030-01-15T08:30:00Z');
    expect(toUtcSeconds(parseLocalDateTime('2030-07-15T09:30:15')!)).toBe('2030-07-15T07:30:15Z');
    expect(toUtcSeconds(parseLocalDateTime('2030-07-15T09:30:15.750')!)).toBe('2030-07-15T07:30:15Z');
  });

  it.each(['', '2030-02-31T10:00', '2030-13-01T10:00', '2030-01-01', '2030-01-01 10:00', '10:00', 'tomorrow', '2030-01-01T25:00'])('refuses %j', (value) => {
    expect(parseLocalDateTime(value)).toBeNull();
  });

  it('formats a control value with seconds, in local time', () => {
    expect(toLocalDateTimeValue(new Date('2030-07-15T07:30:15Z'))).toBe('2030-07-15T09:30:15');
  });

  it('turns presets into a value whole days ahead, and "never" into empty', () => {
    const now = new Date('2030-03-01T12:00:00.456Z');
    expect(presetValue(7, now)).toBe('2030-03-08T13:00:00');
    expect(presetValue(30, now)).toBe('2030-03-31T14:00:00'); // across the switch to summer time
    expect(presetValue(0, now)).toBe('');
  });
});
