/**
 * A run that exited 0 without its runner's closing summary was ended by something else (a test
 * calling System.exit or exit!): grade says so, before "no report" or "no tests", which would name
 * the wrong cause.
 */
import { describe, expect, it } from 'vitest';
import type { TestReport } from '../../../parsers/report.js';
import { grade, type GradeInput } from '../../../src/pipeline/grade.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import type { CollectedReports } from '../../../src/toolchains/toolchain.js';

function run(exitCode: number): CommandResult {
  return { command: [], exitCode, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 1, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 };
}

const EMPTY: TestReport = { format: 'surefire', cases: [], runErrors: [], warnings: [] };

function input(tests: TestReport | null, exitCode: number, summary: GradeInput['runnerSummary']): GradeInput {
  const reports: CollectedReports = { tests, testsProblem: null, coverage: null, coverageProblem: null };
  return { build: null, test: run(exitCode), oomKilled: false, reports, minCoverage: null, memoryBytes: 1, outputLimitBytes: 1, runnerSummary: summary, explainMissingReport: (code) => `explained ${code ?? 'null'}` };
}

const ENDED_EARLY = 'the test run ended early: it exited with code 0, but maven printed no closing summary (did a test end the run?)';

describe('grade, for a run that exited 0 without the runner\'s summary', () => {
  it('says the run ended early when it left no report or an empty one', () => {
    expect(grade(input(null, 0, { runner: 'maven', summary: null }))).toEqual({ outcome: 'rejected', code: 'report_mismatch', reason: ENDED_EARLY });
    expect(grade(input(EMPTY, 0, { runner: 'maven', summary: null }))).toEqual({ outcome: 'rejected', code: 'report_mismatch', reason: ENDED_EARLY });
  });

  it('keeps the usual reasons when the runner did print its summary, exited otherwise, or has no witness', () => {
    const zero = { line: '[INFO] BUILD SUCCESS', passed: 0, failed: 0, errors: 0 };
    expect(grade(input(EMPTY, 0, { runner: 'maven', summary: zero })).reason).toBe('no tests ran');
    expect(grade(input(null, 1, { runner: 'maven', summary: null })).reason).toBe('explained 1');
    expect(grade(input(null, 0, null)).reason).toBe('explained 0');
  });
});
