/** pytest's witnesses read from real runs through our launcher, and from records a forger might leave. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OUTCOME_RECORD, readOutcomeRecord } from '../../../src/toolchains/python/pytest-outcome-record.js';
import { readPytestWitness } from '../../../src/toolchains/python/pytest-witness.js';

const fixture = (run: string, file: string) => readFile(fileURLToPath(new URL(`../../fixtures/reports/pytest-witness/${run}/${file}`, import.meta.url)));

async function witnessOf(run: string) {
  const [console, record] = await Promise.all([fixture(run, 'console.txt'), fixture(run, OUTCOME_RECORD)]);
  return readPytestWitness({ stdout: console.toString('utf8'), stderr: '', files: new Map([[OUTCOME_RECORD, record]]) });
}

const lines = (...entries: object[]) => Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
const ok = { setup: 'passed', call: 'passed', teardown: 'passed' };
const test = (nodeid: string, phases: object = ok) => ({ event: 'test', nodeid, phases });

describe('the outcome record of a real run', () => {
  it('counts an honest mixed run by test: failures in the call, errors in setup or teardown, passes', async () => {
    const record = readOutcomeRecord(await fixture('mixed', OUTCOME_RECORD));
    expect(record).toMatchObject({ passed: 6, failed: 4, errors: 3 });
    expect(record).toHaveProperty(
      'said',
      "patchproof's pytest plugin saw tests/test_mixed.py::test_assert_fail, tests/test_mixed.py::test_exception, tests/test_mixed.py::test_fixture_error, tests/test_mixed.py::test_fail_and_teardown_error, tests/test_mixed.py::test_pass_then_teardown_error and 2 more fail",
    );
  });

  it('calls expected failures, skips and unittest outcomes what pytest calls them: no failure, and the same passes', async () => {
    expect(readOutcomeRecord(await fixture('variety', OUTCOME_RECORD))).toEqual({
      line: `${OUTCOME_RECORD}: 6 passed, 0 failed, 0 errors`,
      passed: 6,
      failed: 0,
      errors: 0,
      said: "patchproof's pytest plugin saw 6 tests pass",
    });
    // The closing line agrees (5 passed + 1 xpassed), so the pytest witness gives no failure either.
    expect(await witnessOf('variety')).toMatchObject({ passed: 6, failed: 0, errors: 0 });
  });

  it('names the test a conftest hook turned into a pass, although pytest printed "3 passed"', async () => {
    expect(await witnessOf('conftest-forged')).toMatchObject({ passed: 2, failed: 1, said: "patchproof's pytest plugin saw tests/test_calc.py::test_add fail" });
  });

  it('is no account when a test ended the run before every collected test ran, even with exit code 0', async () => {
    expect(await witnessOf('exit-early')).toEqual({ missing: "patchproof's pytest plugin saw only 3 of the 4 collected tests run (did a test end the run early?)" });
  });
});

describe('readOutcomeRecord refuses a record that does not count', () => {
  it('is missing when there is no file, no end, or no collection count', () => {
    expect(readOutcomeRecord(undefined)).toEqual({ missing: `pytest left no record from patchproof's pytest plugin (${OUTCOME_RECORD})` });
    expect(readOutcomeRecord(lines({ event: 'collected', count: 1 }, test('t.py::a')))).toEqual({ missing: "patchproof's pytest plugin recorded no end of the run (did a test end it early?)" });
    expect(readOutcomeRecord(lines(test('t.py::a'), { event: 'end' }))).toEqual({
      missing: `patchproof's pytest plugin left a record that does not read (${OUTCOME_RECORD} has no count of the tests collected)`,
    });
    expect(readOutcomeRecord(Buffer.from(''))).toHaveProperty('missing');
  });

  it('does not read a line that is not JSON, has an unknown outcome, or follows the end', () => {
    const bad = (extra: string) => Buffer.from(`{"event":"collected","count":1}\n${extra}\n{"event":"end"}\n`);
    expect(readOutcomeRecord(bad('{"event":"test","nodeid":"t.py::a","phases":{"call":"passed"}'))).toEqual({
      missing: `patchproof's pytest plugin left a record that does not read (${OUTCOME_RECORD} line 2)`,
    });
    expect(readOutcomeRecord(bad('{"event":"test","nodeid":"t.py::a","phases":{"call":"PASSED"}}'))).toHaveProperty('missing');
    expect(readOutcomeRecord(bad('{"event":"test","nodeid":7,"phases":{}}'))).toHaveProperty('missing');
    expect(readOutcomeRecord(lines({ event: 'collected', count: 1 }, test('t.py::a'), { event: 'end' }, test('t.py::b')))).toHaveProperty('missing');
  });

  it('counts a test run twice by its worst run: a failure is not undone by a rerun', () => {
    const rerun = lines({ event: 'collected', count: 2 }, test('t.py::a', { setup: 'passed', call: 'failed', teardown: 'passed' }), test('t.py::a'), test('t.py::b'), { event: 'end' });
    expect(readOutcomeRecord(rerun)).toMatchObject({ passed: 1, failed: 1, errors: 0, said: "patchproof's pytest plugin saw t.py::a fail" });
    // Two items with one node id both ran: as many runs as tests collected.
    const twins = lines({ event: 'collected', count: 2 }, test('t.py::a'), test('t.py::a'), { event: 'end' });
    expect(readOutcomeRecord(twins)).toMatchObject({ passed: 1, failed: 0, errors: 0 });
    const short = lines({ event: 'collected', count: 3 }, test('t.py::a'), test('t.py::b'), { event: 'end' });
    expect(readOutcomeRecord(short)).toEqual({ missing: "patchproof's pytest plugin saw only 2 of the 3 collected tests run (did a test end the run early?)" });
  });

  it('caps the names it gives: five shown, each cut at 200 characters', () => {
    const long = `t.py::${'x'.repeat(500)}`;
    const failing = { setup: 'failed', teardown: 'passed' };
    const record = readOutcomeRecord(lines({ event: 'collected', count: 7 }, ...[long, 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => test(id, failing)), { event: 'end' }));
    expect(record).toMatchObject({ errors: 7, said: `patchproof's pytest plugin saw ${long.slice(0, 200)}…, b, c, d, e and 2 more fail` });
  });
});

describe('readPytestWitness reads both witnesses', () => {
  const record = lines({ event: 'collected', count: 3 }, test('t.py::a'), test('t.py::b'), test('t.py::c'), { event: 'end' });
  const run = (stdout: string, files: Map<string, Buffer> = new Map([[OUTCOME_RECORD, record]])) => readPytestWitness({ stdout, stderr: '', files });

  it('gives the closing line when both agree', () => {
    expect(run('=== 3 passed in 0.01s ===\n')).toEqual({ line: '=== 3 passed in 0.01s ===', passed: 3, failed: 0, errors: 0 });
  });

  it('gives no account without a closing line, and a missing one without the record', () => {
    expect(run('tests/test_calc.py ..\n')).toBeNull();
    expect(run('=== 3 passed in 0.01s ===\n', new Map())).toHaveProperty('missing');
  });

  it('gives the closing line when it saw failures the record did not, and the fewer passes otherwise', () => {
    expect(run('=== 1 failed, 2 passed in 0.01s ===\n')).toMatchObject({ failed: 1, line: '=== 1 failed, 2 passed in 0.01s ===' });
    expect(run('=== 4 passed in 0.01s ===\n')).toMatchObject({ passed: 3, line: `${OUTCOME_RECORD}: 3 passed, 0 failed, 0 errors` });
    expect(run('=== 2 passed in 0.01s ===\n')).toMatchObject({ passed: 2, line: '=== 2 passed in 0.01s ===' });
  });
});
