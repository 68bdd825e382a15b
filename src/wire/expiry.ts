// Conversions between the `datetime-local` control (visitor's time zone) and the UTC timestamp
// OpenRouter expects. OpenRouter rejects minute-precision timestamps, so seconds are always sent.

/** Parses a `datetime-local` value as local time; null when it is not a real date and time. */
export function parseLocalDateTime(value: string): Date | null {
  // A date-time without an offset is local time (ECMAScript's date-time string format).
  const date = new Date(value);
  // Refuse 31 February and the like rather than let Date roll them into the next month.
  return /^\d{4}(-\d\d){2}T\d\d:\d\d(:\d\d(\.\d{1,3})?)?$/.test(value) && !isNaN(+date) && toLocalDateTimeValue(date).slice(0, 10) === value.slice(0, 10)
    ? date
    : null;
}

/** `YYYY-MM-DDTHH:MM:SSZ`: UTC, whole seconds, no fraction. */
export function toUtcSeconds(date: Date): string {
  return date.toISOString().split('.')[0] + 'Z';
}

/** The value a `datetime-local step=1` control shows for `date` in local time (milliseconds cut). */
export function toLocalDateTimeValue(date: Date): string {
  return new Date(+date - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}

/** Quick expiry choices: label and days from now (0 = never). */
export const EXPIRY_PRESETS: readonly (readonly [string, number])[] = [
  ['1 day', 1],
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['Never', 0],
];

/** The control value for a preset: `now` plus whole days, or empty for "never". */
export function presetValue(days: number, now: Date): string {
  return days > 0 ? toLocalDateTimeValue(new Date(+now + days * 86_400_000)) : '';
}
