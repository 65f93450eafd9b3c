/**
 * ntplib 0.3.3 as Debian's source package ships it (test/fixtures/projects/ntplib), as a target of
 * the forged-report cases of test/security/: red in the network-less sandbox before any change
 * (two of its three tests ask pool.ntp.org), and counted as pytest's own closing line counts it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { reportTotals } from '../../parsers/report.js';
import type { Change } from '../../src/changes/change.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { readPytestSummary } from '../../src/toolchains/python/pytest-summary.js';
import type { AttackTarget } from '../security/attack-harness.js';
import { write } from './run-validation.js';

/** A JUnit report in which all three of its tests passed. */
export const NTPLIB_PASSING_JUNIT =
  '<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="0" skipped="0" tests="3">' +
  '<testcase classname="test_ntplib.TestNTPLib" name="test_basic" time="0.001"/><testcase classname="test_ntplib.TestNTPLib" name="test_helpers" time="0.001"/>' +
  '<testcase classname="test_ntplib.TestNTPLib" name="test_request" time="0.001"/></testsuite></testsuites>';

/** The unchanged project: red, and counted as pytest's own closing line counts it (1 passed, 2 failed). */
function countedAsPytest(result: ValidationResult): void {
  expect({ outcome: result.outcome, code: result.code }).toEqual({ outcome: 'rejected', code: 'tests_failed' });
  const pytest = readPytestSummary(result.test?.stdout ?? '');
  expect(pytest).toMatchObject({ passed: 1, failed: 2, errors: 0 });
  const ours = reportTotals(result.report);
  expect({ passed: ours.passed, failed: ours.failed + ours.errors }).toEqual({ passed: pytest?.passed, failed: (pytest?.failed ?? 0) + (pytest?.errors ?? 0) });
}

export const NTPLIB_TARGET: AttackTarget = { fixture: 'ntplib', dir: fileURLToPath(new URL('../fixtures/projects/ntplib/', import.meta.url)), passing: '', unchanged: countedAsPytest };

/** Breaks the one test that passes in the sandbox (test_basic). */
export async function breakNtpException(project: string): Promise<Change> {
  const source = await readFile(join(project, 'ntplib.py'), 'utf8');
  return write('ntplib.py', source.replace('class NTPException(Exception):', 'class NTPException(object):'));
}
