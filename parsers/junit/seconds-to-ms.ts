/**
 * JUnit `time` attributes are seconds, written by many tools in many ways: "0.001" (pytest),
 * "3.68e-05" (minitest-reporters), "2,120.532" (surefire 3.1.0 bug SUREFIRE-2176, TestNG).
 * `parseFloat` would read "2,120.532" as 2, so the grouping commas are removed first.
 */

const DECIMAL = /^[+]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Thousands grouping as en-US writes it: "2,120.532", "1,000,000". "0,5" is not grouping.
const GROUPED = /^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d*)?$/;
// A decimal comma, as some European locales write it: "0,532".
const DECIMAL_COMMA = /^\d+,\d+$/;

/** Milliseconds, or null when the value is missing, negative or not a number. */
export function secondsToMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  let text = value.trim();
  if (GROUPED.test(text)) text = text.replaceAll(',', '');
  else if (DECIMAL_COMMA.test(text)) text = text.replace(',', '.');
  // Number("") is 0 and Number("0x10") is 16: only accept what is plainly a decimal.
  if (!DECIMAL.test(text)) return null;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  // Round to microseconds so 0.001 s reads as 1 ms, not 1.0000000000000002.
  return Math.round(seconds * 1_000_000) / 1000;
}
