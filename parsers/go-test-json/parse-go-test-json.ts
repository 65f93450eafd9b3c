/**
 * `go test -json` (the test2json event stream) into a TestReport. Every test and every subtest is
 * one record, suite = the package's import path, named as go names it ("TestTable/bad_case"); a
 * parent whose subtest failed fails too, as go and gotestsum count it.
 *
 * What go test does not report as a failed test, and this parser still never lets pass:
 * - a package whose test binary did not build or set up: `FAIL\t<pkg> [build failed]` as output,
 *   `[setup failed]` as a raw non-JSON line, Go >= 1.24 `build-fail` events and `FailedBuild`
 *   (a run-level error of kind "build", with the first compiler error from stderr);
 * - a test with `run` and no terminal event: the binary died under it (os.Exit, a crash): failed;
 * - a package that failed with no failed test (TestMain's exit code, a panic in init): a
 *   run-level error of kind "suite-load";
 * - a package that started and never ended: a run-level error of kind "internal";
 * - a test that failed and is then said to pass (a line a test printed, see Stream.event).
 */
import { ReportParseError, type ParseResult, type RunLevelError, type TestCaseRecord, type TestReport } from '../report.js';
import { buildFailureLine, packageOfImportPath } from './build-failure-line.js';
import { firstErrorPerPackage } from './compiler-errors.js';
import { GoTestEvent } from './go-test-event-schema.js';
import { testOutputMessage } from './test-output-message.js';

export const GO_TEST_JSON_FORMAT = 'go-test-json';

type Outcome = 'pass' | 'fail' | 'skip';

interface TestRun {
  readonly name: string;
  outcome: Outcome | null;
  elapsed: number | null;
  readonly output: string[];
}

interface PackageRun {
  readonly path: string;
  started: boolean;
  /** Every attempt in the order they started; `latest` maps a name to its last one. */
  readonly tests: TestRun[];
  readonly latest: Map<string, TestRun>;
  readonly output: string[];
  outcome: Outcome | null;
  buildFailure: 'build' | 'setup' | null;
  /** Go >= 1.24: the ImportPath of the build that failed, keying its build-output events. */
  failedBuild: string | null;
}

const isOutcome = (action: string): action is Outcome => action === 'pass' || action === 'fail' || action === 'skip';

class Stream {
  readonly packages = new Map<string, PackageRun>();
  /** Go >= 1.24 build events, by ImportPath ("pkg [pkg.test]"). */
  readonly buildOutput = new Map<string, string[]>();
  readonly failedBuilds = new Set<string>();
  ignoredLines = 0;
  events = 0;

  pkg(path: string): PackageRun {
    let run = this.packages.get(path);
    if (run === undefined) {
      run = { path, started: false, tests: [], latest: new Map(), output: [], outcome: null, buildFailure: null, failedBuild: null };
      this.packages.set(path, run);
    }
    return run;
  }

  test(pkg: PackageRun, name: string, fresh: boolean): TestRun {
    const seen = pkg.latest.get(name);
    // A `run` for a name that already ended is another attempt (-count=N), not the same test.
    if (seen !== undefined && !(fresh && seen.outcome !== null)) return seen;
    const run: TestRun = { name, outcome: null, elapsed: null, output: [] };
    pkg.tests.push(run);
    pkg.latest.set(name, run);
    return run;
  }

  line(text: string): void {
    if (text.trim() === '') return;
    const event = text.trimStart().startsWith('{') ? parseEvent(text) : null;
    if (event === null) {
      const failed = buildFailureLine(text);
      if (failed === null) this.ignoredLines++;
      else this.pkg(failed.packagePath).buildFailure = failed.stage;
      return;
    }
    this.events++;
    this.event(event);
  }

  event(event: GoTestEvent): void {
    const { Action: action } = event;
    if (event.Package === undefined) {
      // Go >= 1.24 build events carry ImportPath instead; the package's fail event names them.
      const importPath = event.ImportPath;
      if (importPath === undefined) return;
      if (action === 'build-output' && event.Output !== undefined) {
        const log = this.buildOutput.get(importPath) ?? [];
        log.push(event.Output);
        this.buildOutput.set(importPath, log);
      }
      if (action === 'build-fail') this.failedBuilds.add(importPath);
      return;
    }
    const pkg = this.pkg(event.Package);
    if (action === 'start') pkg.started = true;
    if (event.Test === undefined) {
      if (action === 'output' && event.Output !== undefined) {
        pkg.output.push(event.Output);
        const failed = buildFailureLine(event.Output);
        if (failed !== null && failed.packagePath === pkg.path) pkg.buildFailure = failed.stage;
      } else if (isOutcome(action)) {
        pkg.outcome = action;
        if (event.FailedBuild !== undefined) {
          pkg.buildFailure = 'build';
          pkg.failedBuild = event.FailedBuild;
        }
      }
      return;
    }
    if (action === 'run') this.test(pkg, event.Test, true);
    else if (action === 'output' && event.Output !== undefined) {
      // Output naming a test that never ran (benchmark lines) is the package's, not a new test.
      (pkg.latest.get(event.Test)?.output ?? pkg.output).push(event.Output);
    }
    else if (isOutcome(action)) {
      const test = this.test(pkg, event.Test, false);
      // A second result for the same attempt is a forgery: test2json takes any line of the test
      // binary's stdout framed as its own ("\x16--- PASS: TestX"), so a later test can print one
      // for a test that failed. A failure stands; a new attempt needs its own `run` event.
      if (test.outcome === 'fail') return;
      test.outcome = action;
      test.elapsed = event.Elapsed ?? null;
    }
    // pause, cont, bench, attr: nothing to record.
  }
}

function parseEvent(text: string): GoTestEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const event = GoTestEvent.safeParse(value);
  return event.success ? event.data : null;
}

const DID_NOT_FINISH = 'did not finish: the test binary exited while it ran (os.Exit, a crash or a timeout)';

function rootName(name: string): string {
  return name.split('/')[0] ?? name;
}

function records(pkg: PackageRun, warnings: string[]): TestCaseRecord[] {
  const rootPassed = (name: string) => pkg.latest.get(rootName(name))?.outcome === 'pass';
  const failedSubtests = (name: string) => pkg.tests.filter((t) => t.name.startsWith(`${name}/`) && t.outcome !== 'pass' && t.outcome !== 'skip').map((t) => t.name);
  return pkg.tests.map((test): TestCaseRecord => {
    const own = testOutputMessage(test.output);
    const base = { suite: pkg.path, name: test.name, file: null, durationMs: test.elapsed === null ? null : Math.round(test.elapsed * 1000) };
    switch (test.outcome) {
      case 'pass':
        return { ...base, status: 'passed', message: null };
      case 'skip':
        return { ...base, status: 'skipped', message: own };
      case 'fail': {
        const subtests = failedSubtests(test.name);
        return { ...base, status: 'failed', message: own ?? (subtests.length > 0 ? `subtest failed: ${subtests.join(', ')}` : 'failed without a message') };
      }
      case null:
        // gotestsum's rule (golang/go#40771): a subtest left open under a root that passed is
        // test2json losing an event, not a crash.
        if (test.name.includes('/') && rootPassed(test.name)) {
          warnings.push(`${pkg.path}: ${test.name} has no result but its parent passed; counted as passed`);
          return { ...base, status: 'passed', message: null };
        }
        return { ...base, status: 'failed', message: own === null ? DID_NOT_FINISH : `${DID_NOT_FINISH}\n${own}` };
    }
  });
}

// Package output that says nothing about why it failed.
const PACKAGE_NOISE = /^(PASS|FAIL|ok\s.*|FAIL\s.*|coverage: .*|exit status \d+|testing: warning: no tests to run)$/;

function packageFailureMessage(output: readonly string[]): string {
  const lines = output.join('').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const said = lines.find((line) => line.startsWith('panic: ')) ?? lines.find((line) => !PACKAGE_NOISE.test(line));
  const why = 'the test binary failed outside any test (TestMain, init or os.Exit)';
  return said === undefined ? why : `${why}: ${said}`;
}

/** The first compiler error of a Go >= 1.24 build, from its build-output events. */
function buildEventError(stream: Stream, importPath: string): string | undefined {
  const pkg = packageOfImportPath(importPath);
  return firstErrorPerPackage(`# ${pkg}\n${(stream.buildOutput.get(importPath) ?? []).join('')}`).get(pkg);
}

function runError(stream: Stream, pkg: PackageRun, cases: readonly TestCaseRecord[], compilerErrors: ReadonlyMap<string, string>): RunLevelError | null {
  if (pkg.buildFailure !== null) {
    const fromEvents = pkg.failedBuild === null ? undefined : buildEventError(stream, pkg.failedBuild);
    return { kind: 'build', where: pkg.path, message: fromEvents ?? compilerErrors.get(pkg.path) ?? `${pkg.buildFailure} failed` };
  }
  const anyFailed = cases.some((c) => c.status === 'failed' || c.status === 'error');
  if (pkg.outcome === 'fail' && !anyFailed) return { kind: 'suite-load', where: pkg.path, message: packageFailureMessage(pkg.output) };
  if (pkg.outcome === null && (pkg.started || pkg.tests.length > 0) && !anyFailed) {
    return { kind: 'internal', where: pkg.path, message: 'go test stopped before reporting this package' };
  }
  return null;
}

/**
 * `text` is go test's stdout; `stderr` what it wrote there, for compiler errors of packages whose
 * build failed. Never throws; a stream with no event and no go test line in it is an error.
 */
export function parseGoTestJson(text: string, file: string, stderr = ''): ParseResult<TestReport> {
  const stream = new Stream();
  for (const line of text.split(/\r?\n/)) stream.line(line);
  if (stream.events === 0 && stream.packages.size === 0 && stream.ignoredLines > 0) {
    return { ok: false, error: new ReportParseError(file, 'not a `go test -json` event stream: no line is a test event') };
  }

  const compilerErrors = firstErrorPerPackage(stderr);
  const warnings: string[] = [];
  const cases: TestCaseRecord[] = [];
  const runErrors: RunLevelError[] = [];
  for (const pkg of stream.packages.values()) {
    const pkgCases = records(pkg, warnings);
    cases.push(...pkgCases);
    const error = runError(stream, pkg, pkgCases, compilerErrors);
    if (error !== null) runErrors.push(error);
  }
  // A build-fail no package's fail event claimed: still a package whose tests did not run.
  const claimed = new Set([...stream.packages.values()].map((pkg) => pkg.failedBuild));
  for (const importPath of stream.failedBuilds) {
    const where = packageOfImportPath(importPath);
    if (claimed.has(importPath) || runErrors.some((e) => e.kind === 'build' && e.where === where)) continue;
    runErrors.push({ kind: 'build', where, message: buildEventError(stream, importPath) ?? 'build failed' });
  }
  if (stream.ignoredLines > 0) warnings.push(`${stream.ignoredLines} line(s) that are not test events were ignored`);
  return { ok: true, value: { format: GO_TEST_JSON_FORMAT, cases, runErrors, warnings } };
}
