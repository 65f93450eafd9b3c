/**
 * The verdict, as a pure function of what the run produced. `executed` only when no limit was
 * hit, at least one test ran, none failed or errored, the exit code and the runner's own summary
 * agree with the report, and coverage meets the minimum when one is set. Anything else is
 * `rejected`, with a reason a person understands.
 */
import { caseTotals, type TestCaseRecord, type TestTotals } from '../../parsers/report.js';
import type { CommandResult } from '../sandbox/command-result.js';
import type { CollectedReports } from '../toolchains/toolchain.js';
import { type LimitCode, limitHit } from './limit-hit.js';
import type { SummaryReading } from './runner-summary.js';
import { flakyNote, type FlakyTest } from './flaky-merge.js';

export type VerdictCode =
  | 'passed'
  | 'unsafe_change'
  | 'tests_protected'
  | 'build_failed'
  | LimitCode
  | 'reports_too_large'
  | 'no_report'
  | 'collection_error'
  | 'no_tests'
  | 'tests_failed'
  | 'exit_code_mismatch'
  | 'report_mismatch'
  | 'coverage_unmeasured'
  | 'coverage_low'
  | 'changed_coverage_low';

/** The codes of a verdict given against the project's baseline (grade-relative.ts). */
export type RelativeVerdictCode = 'tests_broken' | 'added_tests_failed' | 'tests_removed';

export interface Verdict {
  readonly outcome: 'executed' | 'rejected';
  readonly code: VerdictCode | RelativeVerdictCode;
  readonly reason: string;
}

/** The report folder when it was too big to read, as measured (or as far as the download got). */
export interface ReportFolderReading {
  readonly entries: number;
  readonly bytes: number;
  readonly maxEntries: number;
  readonly maxBytes: number;
  /** false: the download stopped at a limit, so there was at least this much. */
  readonly complete: boolean;
}

export interface GradeInput {
  readonly build: CommandResult | null;
  readonly test: CommandResult;
  readonly oomKilled: boolean;
  readonly reports: CollectedReports;
  readonly minCoverage: number | null;
  readonly memoryBytes: number;
  readonly outputLimitBytes: number;
  /** For the reasons of the limits added later; callers that predate them may leave them out. */
  readonly pidsLimit?: number;
  readonly cpuTimeMs?: number | null;
  /** Set when the report folder held more than may be read: it was not read. */
  readonly reportFolder?: ReportFolderReading | null;
  /** The runner's closing summary, for the toolchains whose console patchproof reads (runner-summary.ts). */
  readonly runnerSummary?: SummaryReading | null;
  readonly explainMissingReport: (exitCode: number | null) => string;
  /** The toolchain's reading of a run that left no report: did its runner collect no tests? Absent: never. */
  readonly noTestsCollected?: (exitCode: number | null) => boolean;
  /**
   * Tests that failed and then passed on a rerun (flaky-reruns.ts): their records say passed. The
   * exit code and the runner's witness are the first run's, which saw them fail.
   */
  readonly flaky?: readonly FlakyTest[];
}

const NAMES_SHOWN = 5;
const NAME_IN_REASON_CHARS = 200;

export function grade(input: GradeInput): Verdict {
  const first = gradeRunFirst(input);
  if (first !== null) return first;
  const { test, reports } = input;
  const reject = (code: VerdictCode, reason: string): Verdict => ({ outcome: 'rejected', code, reason });
  const report = reports.tests;
  if (report === null) throw new Error('gradeRunFirst rejects a run without a report');
  const totals = caseTotals(report);
  const flaky = input.flaky ?? [];
  const flakySaid = flakyNote(flaky);

  const bad = report.cases.filter((c) => c.status === 'failed' || c.status === 'error');
  // A capped report keeps failures first, but may count more than it kept.
  const badCount = totals.failed + totals.errors;
  if (badCount > 0) {
    const note = test.exitCode === 0 ? ' (although the runner exited 0)' : '';
    const alsoFlaky = flakySaid === null ? '' : ` (${flakySaid})`;
    return reject('tests_failed', `${badCount} of ${totals.total} tests failed: ${names(bad, badCount)}${note}${alsoFlaky}`);
  }
  const mismatch = gradeExitAndWitness(input, totals, flaky);
  if (mismatch !== null) return mismatch;
  const low = gradeCoverage(input);
  if (low !== null) return low;
  const coverage = reports.coverage;
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  const covered = coverage?.linesPct != null ? `; ${coverage.linesPct.toFixed(1)}% of lines covered` : '';
  const flakyPart = flakySaid === null ? '' : ` (${flakySaid})`;
  return { outcome: 'executed', code: 'passed', reason: `${totals.passed} of ${totals.total} tests passed${flakyPart}${skipped}${covered}` };
}

/**
 * The exit code and the runner's own account against a report whose tests all passed (or were
 * flaky). The first run saw the flaky tests fail and exited as a runner does for failed tests:
 * that many failures in the witness, no more. null when both agree.
 */
export function gradeExitAndWitness(input: GradeInput, totals: TestTotals, flaky: readonly FlakyTest[]): Verdict | null {
  const { test } = input;
  const reject = (code: VerdictCode, reason: string): Verdict => ({ outcome: 'rejected', code, reason });
  const failedThenFlaky = flaky.length > 0 && test.exitCode === 1 && test.signal === null;
  if (test.exitCode !== 0 && !failedThenFlaky) {
    const how = test.signal !== null ? `${test.exitCode} (${test.signal})` : String(test.exitCode ?? 'unknown');
    return reject('exit_code_mismatch', `every test in the report passed, but the test run exited with code ${how}`);
  }
  const summary = input.runnerSummary;
  if (summary === undefined || summary === null) return null;
  const said = summary.summary;
  if (said === null) {
    return reject('report_mismatch', `${summary.runner} printed no closing summary, so the report claiming ${totals.passed} passed tests is not believed (did a test end the run early?)`);
  }
  if ('missing' in said) {
    return reject('report_mismatch', `${said.missing}, so the report claiming ${totals.passed} passed tests is not believed`);
  }
  // Fewer passes in the report than pytest counted is no forgery (the parser folds duplicates).
  if (said.failed + said.errors > flaky.length || said.passed < totals.passed - flaky.length) {
    return reject('report_mismatch', `the report claims ${totals.passed} of ${totals.total} tests passed, but ${said.said ?? `${summary.runner} itself printed "${said.line}"`}`);
  }
  return null;
}


/** The coverage minimum, when one is set: null when met (or none is set). */
export function gradeCoverage(input: GradeInput): Verdict | null {
  const { reports } = input;
  const reject = (code: VerdictCode, reason: string): Verdict => ({ outcome: 'rejected', code, reason });
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
  return null;
}

/**
 * The rules that come before any test is judged, the same whether the run is graded absolutely
 * or against a baseline: limits, the build, the report folder, a run ended early, no report, tests
 * not collected, no test run. null when none applies (then the report has at least one test run).
 */
export function gradeRunFirst(input: GradeInput): Verdict | null {
  const { test, reports } = input;
  const reject = (code: VerdictCode, reason: string): Verdict => ({ outcome: 'rejected', code, reason });

  if (input.build !== null) {
    const b = input.build;
    const hit = limitHit(b);
    if (hit !== null) return reject(hit, limitReason(hit, b, input, 'build'));
    if (b.exitCode !== 0) return reject('build_failed', `build failed: ${firstErrorLine(b)}`);
  }
  const hit = limitHit(test, input.oomKilled);
  if (hit !== null) return reject(hit, limitReason(hit, test, input, 'tests'));
  const folder = input.reportFolder;
  if (folder !== undefined && folder !== null) {
    const reason = reportsTooLarge(folder);
    if (reason !== null) return reject('reports_too_large', reason);
  }

  const report = reports.tests;
  const cutShort = endedEarly(input);
  if (cutShort !== null && (report === null || caseTotals(report).total === 0)) return reject('report_mismatch', cutShort);
  if (report === null) {
    const why = input.explainMissingReport(test.exitCode);
    return reject(input.noTestsCollected?.(test.exitCode) === true ? 'no_tests' : 'no_report', why);
  }
  if (report.runErrors.length > 0) {
    const [first] = report.runErrors;
    const more = report.runErrors.length > 1 ? ` (and ${report.runErrors.length - 1} more)` : '';
    return reject('collection_error', `tests could not be collected: ${first?.where}: ${first?.message}${more}`);
  }
  const totals = caseTotals(report);
  if (totals.total === 0) {
    // The toolchain's explanation can say why; a clean exit with none is still no pass.
    return reject('no_tests', test.exitCode === 0 ? 'no tests ran' : input.explainMissingReport(test.exitCode));
  }
  if (totals.total === totals.skipped) return reject('no_tests', `no tests ran: all ${totals.total} were skipped`);
  return null;
}

/**
 * A run that exited 0 without the runner's closing summary was ended by something else (a test
 * calling exit): whatever report it left, or none, says nothing about the tests.
 */
function endedEarly(input: GradeInput): string | null {
  const reading = input.runnerSummary;
  if (reading === undefined || reading === null || reading.summary !== null || input.test.exitCode !== 0) return null;
  return `the test run ended early: it exited with code 0, but ${reading.runner} printed no closing summary (did a test end the run?)`;
}

/** Test names, qualified by their suite only where a bare name would be ambiguous. */
function names(cases: readonly TestCaseRecord[], count: number): string {
  const seen = new Map<string, number>();
  for (const c of cases) seen.set(c.name, (seen.get(c.name) ?? 0) + 1);
  const label = (c: TestCaseRecord) => shorten((seen.get(c.name) ?? 0) > 1 && c.suite !== '' ? `${c.suite}::${c.name}` : c.name);
  const shown = cases.slice(0, NAMES_SHOWN).map(label);
  return count > shown.length ? `${shown.join(', ')} and ${count - shown.length} more` : shown.join(', ');
}

/** A reason names a few tests; a name the proposal made huge must not make the reason huge. */
function shorten(label: string): string {
  return label.length > NAME_IN_REASON_CHARS ? `${label.slice(0, NAME_IN_REASON_CHARS)}…` : label;
}

/** "killed: out of memory (limit 128 MiB)"; the build's own are said to be the build's. */
function limitReason(hit: LimitCode, run: CommandResult, input: GradeInput, who: 'build' | 'tests'): string {
  const prefix = who === 'build' ? 'build ' : '';
  switch (hit) {
    case 'oom':
      return `${prefix}killed: out of memory (limit ${mib(input.memoryBytes)})`;
    case 'pids_limit': {
      const limit = input.pidsLimit === undefined ? '' : ` (limit ${input.pidsLimit})`;
      return `${prefix}hit the process limit: the ${who} tried to run more processes and threads at once than allowed${limit}`;
    }
    case 'disk_full': {
      const mounts = (run.usage?.fullMounts ?? []).map((m) => `${m.path} (${mib(m.sizeBytes)})`).join(' and ');
      return `${prefix}ran out of disk space: ${mounts} filled up`;
    }
    case 'cpu_time': {
      const budget = input.cpuTimeMs === undefined || input.cpuTimeMs === null ? '' : ` (limit ${seconds(input.cpuTimeMs)})`;
      return `${prefix}stopped: used more CPU time than allowed${budget}`;
    }
    case 'timeout':
      return `${prefix}timed out after ${seconds(run.durationMs)}`;
    case 'output_limit':
      return `${prefix}stopped: the ${who} printed more than ${input.outputLimitBytes} bytes`;
  }
}

/** "the tests wrote 80 MiB into the report folder, more than the 64 MiB limit"; null when within both limits. */
function reportsTooLarge(folder: ReportFolderReading): string | null {
  // Counted by a download that stopped at the limit, only "more than" is known.
  if (folder.bytes > folder.maxBytes) {
    const limit = `${ceilMib(folder.maxBytes)} limit`;
    return folder.complete ? `the tests wrote ${ceilMib(folder.bytes)} into the report folder, more than the ${limit}` : `the tests wrote more than the ${limit} into the report folder`;
  }
  if (folder.entries > folder.maxEntries) {
    return folder.complete
      ? `the tests wrote ${folder.entries} files and folders into the report folder, more than the limit of ${folder.maxEntries}`
      : `the tests wrote more than the limit of ${folder.maxEntries} files and folders into the report folder`;
  }
  return null;
}

/** MiB, rounded up to a tenth unless whole: an amount over a limit must never read as equal to it. */
function ceilMib(bytes: number): string {
  const tenths = Math.ceil((bytes / 1024 / 1024) * 10) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} MiB`;
}

function mib(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

function firstErrorLine(result: CommandResult): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.find((l) => /error/i.test(l)) ?? lines[0] ?? `exit code ${result.exitCode ?? 'unknown'}`;
}
