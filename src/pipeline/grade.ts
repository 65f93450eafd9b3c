/**
 * The verdict, as a pure function of what the run produced. `executed` only when at least one
 * test ran, none failed or errored, the exit code agrees with the report, and coverage meets the
 * minimum when one is set. Anything else is `rejected`, with a reason a person understands.
 */
import { tally, type TestCaseRecord } from '../../parsers/report.js';
import type { CommandResult } from '../sandbox/command-result.js';
import type { CollectedReports } from '../toolchains/toolchain.js';

export type VerdictCode =
  | 'passed'
  | 'build_failed'
  | 'timeout'
  | 'oom'
  | 'output_limit'
  | 'no_report'
  | 'collection_error'
  | 'no_tests'
  | 'tests_failed'
  | 'exit_code_mismatch'
  | 'coverage_unmeasured'
  | 'coverage_low';

export interface Verdict {
  readonly outcome: 'executed' | 'rejected';
  readonly code: VerdictCode;
  readonly reason: string;
}

export interface GradeInput {
  readonly build: CommandResult | null;
  readonly test: CommandResult;
  readonly oomKilled: boolean;
  readonly reports: CollectedReports;
  readonly minCoverage: number | null;
  readonly memoryBytes: number;
  readonly outputLimitBytes: number;
  readonly explainMissingReport: (exitCode: number | null) => string;
}

const NAMES_SHOWN = 5;

export function grade(input: GradeInput): Verdict {
  const { test, reports } = input;
  const reject = (code: VerdictCode, reason: string): Verdict => ({ outcome: 'rejected', code, reason });

  if (input.build !== null) {
    const b = input.build;
    if (b.timedOut) return reject('timeout', `build timed out after ${seconds(b.durationMs)}`);
    if (b.exitCode !== 0) return reject('build_failed', `build failed: ${firstErrorLine(b)}`);
  }
  if (test.timedOut) return reject('timeout', `timed out after ${seconds(test.durationMs)}`);
  if (input.oomKilled) return reject('oom', `killed: out of memory (limit ${Math.round(input.memoryBytes / 1024 / 1024)} MiB)`);
  if (test.outputLimitExceeded) return reject('output_limit', `stopped: the tests printed more than ${input.outputLimitBytes} bytes`);

  const report = reports.tests;
  if (report === null) {
    const why = input.explainMissingReport(test.exitCode);
    return reject(test.exitCode === 5 ? 'no_tests' : 'no_report', why);
  }
  if (report.runErrors.length > 0) {
    const [first] = report.runErrors;
    const more = report.runErrors.length > 1 ? ` (and ${report.runErrors.length - 1} more)` : '';
    return reject('collection_error', `tests could not be collected: ${first?.where}: ${first?.message}${more}`);
  }
  const totals = tally(report.cases);
  if (totals.total === 0) {
    // The exit code can say why (pytest: 5, none collected); a clean exit with none is still no pass.
    return reject('no_tests', test.exitCode === 0 ? 'no tests ran' : input.explainMissingReport(test.exitCode));
  }
  if (totals.total === totals.skipped) return reject('no_tests', `no tests ran: all ${totals.total} were skipped`);
  const bad = report.cases.filter((c) => c.status === 'failed' || c.status === 'error');
  if (bad.length > 0) {
    const note = test.exitCode === 0 ? ' (although the runner exited 0)' : '';
    return reject('tests_failed', `${bad.length} of ${totals.total} tests failed: ${names(bad)}${note}`);
  }
  if (test.exitCode !== 0) {
    const how = test.signal !== null ? `${test.exitCode} (${test.signal})` : String(test.exitCode ?? 'unknown');
    return reject('exit_code_mismatch', `every test in the report passed, but the test run exited with code ${how}`);
  }
  const coverage = reports.coverage;
  if (input.minCoverage !== null) {
    if (coverage === null || coverage.linesPct === null) {
      return reject('coverage_unmeasured', `coverage could not be measured (${reports.coverageProblem?.reason ?? 'no lines measured'}) and a minimum of ${input.minCoverage}% is set`);
    }
    if (coverage.linesPct < input.minCoverage) {
      // Rounded down: a reason must never show the minimum itself as too low.
      return reject('coverage_low', `coverage ${(Math.floor(coverage.linesPct * 10) / 10).toFixed(1)}% of lines is below the minimum ${input.minCoverage}%`);
    }
  }
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  const covered = coverage?.linesPct != null ? `; ${coverage.linesPct.toFixed(1)}% of lines covered` : '';
  return { outcome: 'executed', code: 'passed', reason: `${totals.passed} of ${totals.total} tests passed${skipped}${covered}` };
}

/** Test names, qualified by their suite only where a bare name would be ambiguous. */
function names(cases: readonly TestCaseRecord[]): string {
  const seen = new Map<string, number>();
  for (const c of cases) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  const label = (c: TestCaseRecord) => ((seen.get(c.name) ?? 0) > 1 && c.suite !== '' ? `${c.suite}::${c.name}` : c.name);
  const shown = cases.slice(0, NAMES_SHOWN).map(label);
  return cases.length > NAMES_SHOWN ? `${shown.join(', ')} and ${cases.length - NAMES_SHOWN} more` : shown.join(', ');
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function firstErrorLine(result: CommandResult): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit code ${result.exitCode ?? 'unknown'}`;
}
