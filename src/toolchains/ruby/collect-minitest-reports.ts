/**
 * Reads what the minitest test script left under REPORT_DIR (ruby-report-files.ts): the sandbox
 * plugin's JUnit files, one per test process, as the tests. Without them, the run is explained
 * from its stderr and exit code: a test file that raised while loading (Ruby's uncaught
 * exception report), rake's own complaint, or nothing at all with exit 0, which means no test
 * file was loaded: zero tests, never a pass.
 */
import { withUniqueIdentities, junitIdentity } from '../../../parsers/identity/unique-identities.js';
import { JUNIT_FORMAT, parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { ReportParseError, type RunLevelError, type TestCaseRecord, type TestReport } from '../../../parsers/report.js';
import { parseRakeAborted } from '../../../parsers/ruby-uncaught-error/parse-rake-aborted.js';
import { parseRubyUncaughtError } from '../../../parsers/ruby-uncaught-error/parse-ruby-uncaught-error.js';
import { WORKSPACE, type CollectedReports } from '../toolchain.js';
import { collectSimpleCov } from './collect-simplecov.js';
import { exitCodeIn, projectFile, text } from './report-text.js';
import { RUBY_REPORTS } from './ruby-report-files.js';

const F = RUBY_REPORTS;
const JUNIT_PREFIX = `${F.minitestDir}/`;

const report = (cases: readonly TestCaseRecord[], runErrors: readonly RunLevelError[], warnings: readonly string[] = []): TestReport => ({ format: JUNIT_FORMAT, cases, runErrors, warnings });

type Read = { ok: true; report: TestReport } | { ok: false; problem: ReportParseError };

/** Every test process's file, merged in name order; the first unreadable one makes the whole unreadable. */
async function readJUnitFiles(files: ReadonlyMap<string, Buffer>): Promise<Read | null> {
  const names = [...files.keys()].filter((name) => name.startsWith(JUNIT_PREFIX) && name.endsWith('.xml')).sort();
  if (names.length === 0) return null;
  const cases: TestCaseRecord[] = [];
  const runErrors: RunLevelError[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const parsed = await parseJUnit(files.get(name)?.toString('utf8') ?? '', name);
    if (!parsed.ok) return { ok: false, problem: parsed.error };
    cases.push(...parsed.value.cases.map((c) => ({ ...c, file: projectFile(c.file) })));
    runErrors.push(...parsed.value.runErrors);
    warnings.push(...parsed.value.warnings);
  }
  // `Class#test_x`: unique over every test process's file, in name order.
  return { ok: true, report: report(withUniqueIdentities(cases, junitIdentity), runErrors, warnings) };
}

export async function collectMinitestReports(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
  const stderr = text(files.get(F.minitestStderr));
  const exitCode = exitCodeIn(files.get(F.minitestExitCode));
  const uncaught = parseRubyUncaughtError(stderr, WORKSPACE);
  const coverage = collectSimpleCov(files);

  const read = await readJUnitFiles(files);
  if (read !== null) {
    if (!read.ok) return { tests: null, testsProblem: read.problem, ...coverage };
    const bad = read.report.cases.some((c) => c.status === 'failed' || c.status === 'error');
    // One test process reported all green, another died loading its files (rake runs one per TestTask).
    const died = exitCode !== '0' && !bad && uncaught !== null;
    return { tests: died ? { ...read.report, runErrors: [...read.report.runErrors, uncaught] } : read.report, testsProblem: null, ...coverage };
  }

  if (uncaught !== null) return { tests: report([], [uncaught]), testsProblem: null, ...coverage };
  if (exitCode === '0') return { tests: report([], []), testsProblem: null, ...coverage };
  const rake = parseRakeAborted(stderr);
  if (rake !== null && !rake.testProcessFailed) {
    return { tests: report([], [{ kind: 'internal', where: 'rake', message: rake.message }]), testsProblem: null, ...coverage };
  }
  return { tests: null, testsProblem: new ReportParseError(`${JUNIT_PREFIX}junit-*.xml`, 'no report was written'), ...coverage };
}
