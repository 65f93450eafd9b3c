/**
 * The runners' own closing lines, read as witnesses beside their reports (pure parsers; Maven's
 * recap through the test script's real awk). Console texts are what the runners printed in their
 * images (jest 29.7, Maven 3.8.7 with Surefire 2.22.3, RSpec 3.12, minitest 5.17).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readJestSummary } from '../../../src/toolchains/jest/jest-summary.js';
import { RECAP } from '../../../src/toolchains/maven/maven-scripts.js';
import { RECAP_MARKER, readMavenSummary } from '../../../src/toolchains/maven/maven-summary.js';
import { readMinitestSummary, readRspecSummary } from '../../../src/toolchains/ruby/ruby-summary.js';

describe("jest's summary on stderr", () => {
  const FAILING = `  ● calc › adds\n\n    expect(received).toBe(expected)\n\nTest Suites: 1 failed, 1 total\nTests:       1 failed, 2 passed, 3 total\nSnapshots:   0 total\nTime:        1.099 s\nRan all test suites.\nTest results written to: ../j.json\n`;

  it('reads failed and passed tests from the last summary', () => {
    expect(readJestSummary(FAILING)).toEqual({ line: 'Test Suites: 1 failed, 1 total / Tests:       1 failed, 2 passed, 3 total', passed: 2, failed: 1, errors: 0 });
  });

  it('counts skipped and todo tests as neither passed nor failed', () => {
    expect(readJestSummary('Test Suites: 1 passed, 1 total\nTests:       1 skipped, 1 todo, 1 passed, 3 total\n')).toMatchObject({ passed: 1, failed: 0, errors: 0 });
  });

  it('counts suites that failed beyond their failed tests as errors (a suite that did not load)', () => {
    expect(readJestSummary('Test Suites: 2 failed, 1 passed, 3 total\nTests:       1 failed, 4 passed, 5 total\n')).toMatchObject({ passed: 4, failed: 1, errors: 1 });
  });

  it('takes the last summary: a test printing one earlier does not replace jest\'s', () => {
    const forged = `Test Suites: 1 passed, 1 total\nTests:       3 passed, 3 total\n${FAILING}`;
    expect(readJestSummary(forged)).toMatchObject({ passed: 2, failed: 1 });
  });

  it('reads "no tests" as a zero summary, and nothing as no summary', () => {
    expect(readJestSummary('No tests found, exiting with code 0\n')).toMatchObject({ passed: 0, failed: 0, errors: 0 });
    expect(readJestSummary('  ✓ adds (2 ms)\n')).toBeNull();
    expect(readJestSummary('')).toBeNull();
  });
});

describe("Maven's totals and BUILD line, recapped by the test script's awk", () => {
  const fixture = (scenario: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/reports/maven/${scenario}/console.txt`, import.meta.url)), 'utf8');
  const throughAwk = (console: string) => execFileSync('sh', ['-c', RECAP], { input: console, encoding: 'utf8' });

  it('passes the output through unchanged and adds the recap at the end', () => {
    const out = throughAwk(fixture('mixed'));
    expect(out.startsWith(fixture('mixed'))).toBe(true);
    expect(out.slice(fixture('mixed').length)).toBe(`\n${RECAP_MARKER}\n[ERROR] Tests run: 7, Failures: 1, Errors: 2, Skipped: 1\n[INFO] BUILD FAILURE\n`);
  });

  it('reads a passing run, a mixed one, and one with reruns (flakes pass)', () => {
    expect(readMavenSummary(throughAwk(fixture('pass')))).toEqual({ line: '[INFO] Tests run: 5, Failures: 0, Errors: 0, Skipped: 0 / [INFO] BUILD SUCCESS', passed: 5, failed: 0, errors: 0 });
    expect(readMavenSummary(throughAwk(fixture('mixed')))).toMatchObject({ passed: 3, failed: 1, errors: 2 });
    expect(readMavenSummary(throughAwk(fixture('junit4-rerun')))).toMatchObject({ passed: 2, failed: 1, errors: 1 });
  });

  it('sums every surefire execution: a failure in any counts, even one testFailureIgnore let through', () => {
    expect(readMavenSummary(throughAwk(fixture('two-executions')))).toMatchObject({ passed: 9, failed: 1, errors: 0 });
  });

  it('keeps a failing totals line when a test printed a passing one, and ignores per-class lines', () => {
    const forged = `[INFO] Tests run: 99, Failures: 0, Errors: 0, Skipped: 0\n${fixture('mixed')}`;
    expect(readMavenSummary(throughAwk(forged))).toMatchObject({ failed: 1, errors: 2 });
  });

  it('reads no tests (a BUILD line alone) as zero, and a run without a BUILD line or recap as no summary', () => {
    expect(readMavenSummary(`${RECAP_MARKER}\n[INFO] BUILD SUCCESS\n`)).toEqual({ line: '[INFO] BUILD SUCCESS', passed: 0, failed: 0, errors: 0 });
    // System.exit in a test: Maven ends before Surefire's totals and its BUILD line.
    const cut = fixture('pass').split('[INFO] Results:')[0] ?? '';
    expect(readMavenSummary(throughAwk(cut))).toBeNull();
    expect(readMavenSummary(fixture('pass'))).toBeNull();
  });

  it('strips the ANSI codes Maven prints even without colours', () => {
    expect(readMavenSummary(`${RECAP_MARKER}\n\u001b[0m[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0\u001b[0m\n[INFO] BUILD SUCCESS\u001b[0m\n`)).toMatchObject({ passed: 2 });
  });
});

describe("RSpec's closing line", () => {
  it('reads examples, failures, pending and errors outside examples', () => {
    expect(readRspecSummary('..F\n\nFinished in 0.01 seconds (files took 0.1 seconds to load)\n3 examples, 1 failure\n')).toEqual({ line: '3 examples, 1 failure', passed: 2, failed: 1, errors: 0 });
    expect(readRspecSummary('4 examples, 0 failures, 1 pending\n')).toMatchObject({ passed: 3, failed: 0 });
    expect(readRspecSummary('0 examples, 0 failures, 1 error occurred outside of examples\n')).toMatchObject({ passed: 0, errors: 1 });
    expect(readRspecSummary('1 example, 0 failures\n')).toMatchObject({ passed: 1 });
  });

  it('takes the last line, and says none when RSpec printed none', () => {
    expect(readRspecSummary('3 examples, 0 failures\n..F\n3 examples, 1 failure\n')).toMatchObject({ failed: 1 });
    expect(readRspecSummary('..F')).toBeNull();
  });
});

describe("minitest's closing lines", () => {
  const RUN = 'Run options: --seed 27356\n\n# Running:\n\n.F.\n\nFinished in 0.007920s, 378.7832 runs/s.\n\n3 runs, 3 assertions, 1 failures, 0 errors, 0 skips\n';

  it('reads runs, failures, errors and skips', () => {
    expect(readMinitestSummary(RUN, 1)).toEqual({ line: '3 runs, 3 assertions, 1 failures, 0 errors, 0 skips', passed: 2, failed: 1, errors: 0 });
    expect(readMinitestSummary('Run options: --seed 1\n5 runs, 9 assertions, 0 failures, 1 errors, 2 skips\n', 1)).toMatchObject({ passed: 2, errors: 1 });
  });

  it('sums the lines of several test processes, so a printed passing line cannot hide a failing one', () => {
    const forged = `Run options: --seed 1\n10 runs, 10 assertions, 0 failures, 0 errors, 0 skips\n${RUN}`;
    expect(readMinitestSummary(forged, 2)).toMatchObject({ passed: 12, failed: 1 });
  });

  it('says none when a run started and never ended (exit! in a test), and zero when minitest never ran', () => {
    expect(readMinitestSummary('Run options: --seed 10536\n\n# Running:\n\n...', 0)).toBeNull();
    // exit! drops what Ruby had not flushed: nothing on the console, but a report was written.
    expect(readMinitestSummary('', 1)).toBeNull();
    expect(readMinitestSummary('', 0)).toEqual({ line: 'no minitest run', passed: 0, failed: 0, errors: 0 });
  });
});
