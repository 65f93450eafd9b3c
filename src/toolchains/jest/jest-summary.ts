/**
 * jest's own closing summary, printed on stderr by its main process after every suite ran:
 *   Test Suites: 1 failed, 1 passed, 2 total
 *   Tests:       1 failed, 1 skipped, 1 todo, 2 passed, 4 total
 * It is the witness beside the --json report (pipeline/runner-summary.ts): a report rewritten
 * after jest wrote it disagrees with it, and a run cut short has none.
 *
 * What it cannot catch: a test runs in jest's worker (or, run in band, in jest's own process), so a
 * test can print a summary line itself and then end jest before the real one (process.exit in
 * band, killing the parent) with a report it wrote; so can a jest.config.js, setupFiles or a
 * reporter of the project, which run inside jest. Those are test-support files, listed in the
 * result and refused under --protect-tests.
 */
import type { RunnerSummary } from '../toolchain.js';

const TESTS_LINE = /^Tests:\s+((?:\d+ [a-z]+, )*\d+ total)$/;
const SUITES_LINE = /^Test Suites:\s+((?:\d+ [a-z]+, )*\d+ total)$/;
/** --passWithNoTests with nothing to run: jest says so instead of printing a summary. */
const NO_TESTS = /^No tests found, exiting with code 0$/;

function counts(list: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const part of list.split(', ')) {
    const [n, word] = part.split(' ');
    found.set(word ?? '', Number(n));
  }
  return found;
}

/** The last summary on stderr; null when jest printed none. */
export function readJestSummary(stderr: string): RunnerSummary | null {
  const lines = stderr.split('\n').map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (NO_TESTS.test(line)) return { line, passed: 0, failed: 0, errors: 0 };
    const tests = TESTS_LINE.exec(line);
    if (tests?.[1] === undefined) continue;
    const said = counts(tests[1]);
    const failed = said.get('failed') ?? 0;
    // The suites line just above: a suite that failed to run (a syntax error, a throwing
    // beforeAll) fails with no failed test in it. Failed suites beyond the failed tests are
    // errors for sure (each failed test fails at most one suite).
    const suites = SUITES_LINE.exec(lines[i - 1] ?? '');
    const failedSuites = suites?.[1] === undefined ? 0 : (counts(suites[1]).get('failed') ?? 0);
    const shown = suites?.[1] === undefined ? line : `${lines[i - 1] ?? ''} / ${line}`;
    return { line: shown, passed: said.get('passed') ?? 0, failed, errors: Math.max(0, failedSuites - failed) };
  }
  return null;
}
