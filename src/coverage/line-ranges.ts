/** Line numbers as a person reads them: [12, 13, 14, 20] → "12-14, 20"; long lists end "(+N more ranges)". */
export function lineRanges(lines: readonly number[], maxRanges = 50): string {
  const sorted = [...new Set(lines)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    const start = sorted[i] ?? 0;
    let end = start;
    while (sorted[i + 1] === end + 1) {
      end++;
      i++;
    }
    i++;
    ranges.push(start === end ? String(start) : `${start}-${end}`);
  }
  if (ranges.length <= maxRanges) return ranges.join(', ');
  return `${ranges.slice(0, maxRanges).join(', ')} (+${ranges.length - maxRanges} more ranges)`;
}
