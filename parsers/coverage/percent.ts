/**
 * Coverage percentages, the same way for every format: 0-100, two decimals, and null when
 * nothing was measured. Tools disagree on the empty case (coverage.py writes line-rate="1" for
 * zero lines); "100% of nothing" would let a change that deletes every test look perfect.
 */
export function percentOf(covered: number, valid: number): number | null {
  if (valid <= 0) return null;
  // Scale before rounding so 2/3 gives 66.67, not 66.66999999999999.
  return Math.round((covered * 10_000) / valid) / 100;
}
