/**
 * The step test frameworks' pure readers, on consoles captured from the runtime images
 * (test/fixtures/step-runs/: go's test2json stream, a libtest harness's console, the JUnit
 * console launcher's closing table, PHPUnit's closing line, bats's TAP): a passing
 * suite, a failing one whose code printed a pass, and a run the code ended early.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batsFramework, parseBatsTap, readBatsOutcome } from '../../../src/runtimes/bash/bats-step.js';
import { readLauncherSummary } from '../../../src/runtimes/java/junit-step.js';
import { readPhpunitFailures, readPhpunitSummary } from '../../../src/runtimes/php/phpunit-step.js';
import { goTestFramework, readGoPackageOutcome } from '../../../src/runtimes/go/go-test-step.js';
import { parseLibtest, readLibtestSummary } from '../../../src/runtimes/rust/libtest-output.js';
import { libtestFramework } from '../../../src/runtimes/rust/libtest-step.js';
import type { StepRun } from '../../../src/runtimes/runtime.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/step-runs');
const fixture = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
const stepRun = (stdout: string, exitCode: number | null): StepRun => ({ stdout, stderr: '', files: new Map(), exitCode });
const statuses = (tests: readonly { name: string; status: string }[]) => Object.fromEntries(tests.map((t) => [t.name, t.status]));

describe('go test (test2json under a compiled test binary)', () => {
  it('passes a passing suite, naming each test by its name', async () => {
    const outcome = await goTestFramework.collect(stepRun(fixture('go/passing.jsonl'), 0));
    expect(outcome).toMatchObject({ passed: true, total: 2, failed: 0, problem: null });
    expect(statuses(outcome.tests)).toEqual({ TestSmall: 'passed', TestNegative: 'passed' });
  });

  it('keeps a failure the code printed a pass for, with its message', async () => {
    const outcome = await goTestFramework.collect(stepRun(fixture('go/failing-printed-pass.jsonl'), 1));
    expect(outcome).toMatchObject({ passed: false, total: 2, failed: 1 });
    expect(outcome.tests.find((t) => t.name === 'TestNegative')).toMatchObject({ status: 'failed', message: expect.stringContaining('Add(-1, -2) = -1, want -3') });
  });

  it('fails a test that called os.Exit, whatever code the binary left with', async () => {
    for (const file of ['go/exit-zero-in-test.jsonl', 'go/exit-three-in-test.jsonl']) {
      const outcome = await goTestFramework.collect(stepRun(fixture(file), 1));
      expect(outcome.passed).toBe(false);
      expect(statuses(outcome.tests)).toMatchObject({ TestSmall: 'passed', TestNegative: 'failed' });
    }
  });

  it("takes test2json's exit code as the witness: a stream of passes from a failed binary is not believed", async () => {
    expect(readGoPackageOutcome(fixture('go/passing.jsonl'), 1)).toMatchObject({ passed: 2, failed: 0, errors: 1 });
    const outcome = await goTestFramework.collect(stepRun(fixture('go/passing.jsonl'), 1));
    expect(outcome).toMatchObject({ passed: false, problem: expect.stringMatching(/every test passed, but the test binary exited with a failure/) });
    expect(readGoPackageOutcome(fixture('go/passing.jsonl'), null)).toBeNull();
    expect(readGoPackageOutcome(fixture('go/passing.jsonl'), 137)).toBeNull();
  });
});

describe('libtest (rustc --test, one thread)', () => {
  it('passes a passing suite, an ignored test skipped', async () => {
    const outcome = await libtestFramework.collect(stepRun(fixture('rust/passing.txt'), 0));
    expect(outcome).toMatchObject({ passed: true, total: 3, skipped: 1, failed: 0, problem: null });
    expect(statuses(outcome.tests)).toEqual({ 'main_test::later': 'skipped', 'main_test::negative': 'passed', 'main_test::small': 'passed' });
  });

  it('keeps a failure whose code printed a pass line into it, with the panic message', async () => {
    const outcome = await libtestFramework.collect(stepRun(fixture('rust/failing-printed-pass.txt'), 101));
    expect(outcome).toMatchObject({ passed: false, failed: 1, problem: null });
    expect(outcome.tests.find((t) => t.name === 'main_test::negative')).toMatchObject({ status: 'failed', message: expect.stringContaining('right: `-3`: add(-1, -2)') });
    expect(outcome.tests.find((t) => t.name === 'main_test::negative')?.message).not.toContain('RUST_BACKTRACE');
  });

  it('a forged closing line and exit 0 with a test never run is a run cut short', async () => {
    const outcome = await libtestFramework.collect(stepRun(fixture('rust/exit-zero-forged.txt'), 0));
    expect(outcome.passed).toBe(false);
    expect(outcome.errors).toBe(1);
    expect(outcome.problem).toMatch(/cut short/);
    expect(parseLibtest(fixture('rust/exit-zero-forged.txt')).runErrors[0]?.message).toMatch(/would run 3 tests, and 1 of them left no result/);
  });

  it('a test started and never finished fails; no closing line is no witness', () => {
    const report = parseLibtest('\nrunning 2 tests\ntest t::a ... ok\ntest t::b ... ');
    expect(statuses(report.cases)).toEqual({ 't::a': 'passed', 't::b': 'failed' });
    expect(report.cases[1]?.message).toMatch(/did not finish/);
    expect(readLibtestSummary('running 2 tests\ntest t::a ... ok\n', 0)).toBeNull();
    expect(readLibtestSummary(fixture('rust/failing-printed-pass.txt'), 101)).toMatchObject({ passed: 1, failed: 1, errors: 0 });
    expect(readLibtestSummary(fixture('rust/passing.txt'), 101)).toMatchObject({ failed: 0, errors: 1 });
  });
});

describe("JUnit's console launcher table", () => {
  it('reads the last table, not one the code printed before it', () => {
    expect(readLauncherSummary(fixture('java/passing.txt'))).toMatchObject({ passed: 3, failed: 0, errors: 0 });
    expect(readLauncherSummary(fixture('java/failing-printed-pass.txt'))).toMatchObject({ passed: 1, failed: 1, errors: 0 });
  });

  it('no table from a run the code ended', () => {
    expect(readLauncherSummary(fixture('java/exit-zero.txt'))).toBeNull();
    expect(readLauncherSummary('[         2 tests successful      ]\n[         0 tests failed          ]\n')).toBeNull();
  });
});

describe("PHPUnit's closing line", () => {
  it('counts a skipped test as no pass, and a failure as failed', () => {
    expect(readPhpunitSummary(fixture('php/passing-skipped.txt'))).toMatchObject({ passed: 2, failed: 0, errors: 0 });
    expect(readPhpunitSummary(fixture('php/failing.txt'))).toMatchObject({ passed: 1, failed: 1, errors: 0 });
    expect(readPhpunitSummary('OK (2 tests, 2 assertions)\n')).toMatchObject({ passed: 2, failed: 0 });
  });

  it("reads each failure's message from the console", () => {
    expect(readPhpunitFailures(fixture('php/failing.txt'))).toEqual(new Map([['MainTest::testNegative', 'add(-1, -2)\nFailed asserting that -1 is identical to -3.']]));
  });

  it('no line from a run the code ended', () => {
    expect(readPhpunitSummary(fixture('php/exit-zero-forged.txt'))).toBeNull();
  });
});

describe('bats (TAP, its plan and exit code)', () => {
  it('passes a passing suite, a skipped test skipped with its reason', async () => {
    const outcome = await batsFramework.collect(stepRun(fixture('bash/passing-skipped.txt'), 0));
    expect(outcome).toMatchObject({ passed: true, total: 3, skipped: 1, problem: null });
    expect(outcome.tests.map((t) => [t.name, t.status, t.message])).toEqual([['small', 'passed', null], ['negative', 'passed', null], ['later', 'skipped', 'not yet']]);
  });

  it('keeps a failure the code printed an ok line for, with its message', async () => {
    for (const file of ['bash/failing-skipped.txt', 'bash/printed-pass-exit.txt']) {
      const outcome = await batsFramework.collect(stepRun(fixture(file), 1));
      expect(outcome).toMatchObject({ passed: false, total: 3, failed: 1 });
      expect(outcome.tests.find((t) => t.name === 'negative')).toMatchObject({ status: 'failed', message: expect.stringContaining('`[ "$result" -eq -3 ]\' failed') });
    }
  });

  it("a run cut short, or bats's failure under a stream of passes, is not believed", async () => {
    expect(parseBatsTap('1..3\nok 1 small\n').runErrors[0]?.message).toMatch(/planned 3 tests, and 2 of them left no result/);
    expect(readBatsOutcome('ok 1 small\n', 0)).toBeNull();
    expect(readBatsOutcome(fixture('bash/passing-skipped.txt'), 1)).toMatchObject({ failed: 0, errors: 1 });
    const outcome = await batsFramework.collect(stepRun(fixture('bash/passing-skipped.txt'), 1));
    expect(outcome).toMatchObject({ passed: false, problem: expect.stringMatching(/every test passed, but bats exited with a failure/) });
  });
});
