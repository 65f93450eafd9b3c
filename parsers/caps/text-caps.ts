/**
 * How much of a report's text is kept. A report is written by the proposal's own tests, so every
 * string in it is attacker-sized: a 10 MB test name once grew the database by 55 MB (issue 12).
 * Counts stay exact whatever is cut; what was cut is said in the record.
 */

export const TEXT_CAPS = {
  /** Test names, suites (class names) and file paths. */
  name: 1_000,
  /** Failure, error and skip messages; run-level error messages. */
  message: 4_000,
  /** A verdict's reason and a proposal's last error. */
  reason: 2_000,
} as const;

/** Test-case records kept per validation; failures and errors are kept first. */
export const MAX_CASES = 10_000;

const grouped = new Intl.NumberFormat('en-US');

/** "10,485,760": every number in a note is grouped, so a reader sees the scale at once. */
export function formatCount(n: number): string {
  return grouped.format(n);
}

export interface CappedText {
  readonly text: string;
  /** The length before cutting, or null when nothing was cut. */
  readonly cutFrom: number | null;
}

/** The first `max` characters of `text`, never splitting a surrogate pair. */
export function capText(text: string, max: number): CappedText {
  if (text.length <= max) return { text, cutFrom: null };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), cutFrom: text.length };
}

/** capText for values that may be absent. */
export function capNullable(text: string | null, max: number): { text: string | null; cutFrom: number | null } {
  return text === null ? { text: null, cutFrom: null } : capText(text, max);
}
