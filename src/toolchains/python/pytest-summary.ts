/**
 * pytest's closing line ("=== 1 failed, 5 passed, 1 xpassed in 0.06s ===", or "3 passed in
 * 0.01s" under -q), read from the console output. It is printed by the runner after every test
 * ran, so a report left by a run that a test cut short (os._exit, a killed runner) has none, and a
 * report rewritten afterwards disagrees with it.
 */
import type { RunnerSummary } from '../toolchain.js';

const CLOSING_LINE = /^(?:=+ )?((?:\d+ [a-z]+)(?:, \d+ [a-z]+)*|no tests ran) in \d+(?:\.\d+)?s(?: \([\d:]+\))?(?: =+)?$/;

/** The last closing line in the output; null when there is none. */
export function readPytestSummary(stdout: string): RunnerSummary | null {
  const lines = stdout.split('\n').map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = CLOSING_LINE.exec(lines[i] ?? '');
    if (match?.[1] === undefined) continue;
    const counts = new Map<string, number>();
    if (match[1] !== 'no tests ran') {
      for (const part of match[1].split(', ')) {
        const [n, word] = part.split(' ');
        counts.set(word ?? '', Number(n));
      }
    }
    const count = (...words: string[]) => words.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0);
    // An xpassed test is a pass in the JUnit report; an xfailed one a skip.
    return { line: lines[i] ?? '', passed: count('passed', 'xpassed'), failed: count('failed'), errors: count('error', 'errors') };
  }
  return null;
}
