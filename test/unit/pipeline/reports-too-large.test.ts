import { describe, expect, it } from 'vitest';
import { grade, type GradeInput, type ReportFolderReading } from '../../../src/pipeline/grade.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';

const MIB = 1024 * 1024;
const LIMITS = { maxEntries: 1_000, maxBytes: 64 * MIB };

function run(overrides: Partial<CommandResult> = {}): CommandResult {
  return { command: ['pytest'], exitCode: 0, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 1, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0, ...overrides };
}

function graded(folder: ReportFolderReading | null, test: CommandResult = run()): ReturnType<typeof grade> {
  const input: GradeInput = {
    build: null,
    test,
    oomKilled: false,
    reports: { tests: null, testsProblem: null, coverage: null, coverageProblem: null },
    minCoverage: null,
    memoryBytes: 512 * MIB,
    outputLimitBytes: 16 * MIB,
    reportFolder: folder,
    explainMissingReport: () => 'no report',
  };
  return grade(input);
}

describe('a report folder too big to read', () => {
  it('is rejected with the measured bytes and the limit', () => {
    expect(graded({ ...LIMITS, entries: 83, bytes: 80 * MIB, complete: true })).toEqual({
      outcome: 'rejected',
      code: 'reports_too_large',
      reason: 'the tests wrote 80 MiB into the report folder, more than the 64 MiB limit',
    });
  });

  it('never shows an amount just over the limit as equal to it', () => {
    expect(graded({ ...LIMITS, entries: 2, bytes: 64 * MIB + 1, complete: true }).reason).toBe('the tests wrote 64.1 MiB into the report folder, more than the 64 MiB limit');
  });

  it('is rejected with the counted entries and the limit', () => {
    expect(graded({ ...LIMITS, entries: 1502, bytes: 6_000, complete: true }).reason).toBe('the tests wrote 1502 files and folders into the report folder, more than the limit of 1000');
  });

  it('says only "more than" when the download stopped at a bound', () => {
    expect(graded({ ...LIMITS, entries: 3, bytes: 64 * MIB + 10, complete: false }).reason).toBe('the tests wrote more than the 64 MiB limit into the report folder');
    expect(graded({ ...LIMITS, entries: 1001, bytes: 10, complete: false }).reason).toBe('the tests wrote more than the limit of 1000 files and folders into the report folder');
  });

  it('comes after a limit the tests hit (the likelier cause), before a missing report', () => {
    const timedOut = run({ timedOut: true, exitCode: null, durationMs: 30_000 });
    expect(graded({ ...LIMITS, entries: 1, bytes: 80 * MIB, complete: true }, timedOut).code).toBe('timeout');
    expect(graded(null).code).toBe('no_report');
    expect(graded({ ...LIMITS, entries: 5, bytes: 100, complete: true }).code).toBe('no_report');
  });
});
