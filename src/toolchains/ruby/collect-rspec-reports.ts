/**
 * Reads what the RSpec test script left under REPORT_DIR (ruby-report-files.ts): the JSON report
 * as the tests, explained by the console where the JSON only counts an error; the JUnit file
 * when the JSON is missing or unreadable; RSpec's own words when it wrote neither.
 */
import { withUniqueIdentities, junitIdentity } from '../../../parsers/identity/unique-identities.js';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { ReportParseError, type TestReport } from '../../../parsers/report.js';
import { consoleErrorBlocks } from '../../../parsers/rspec-json/console-errors.js';
import { outsideErrors } from '../../../parsers/rspec-json/outside-errors.js';
import { RSPEC_JSON_FORMAT, parseRspecJson } from '../../../parsers/rspec-json/parse-rspec-json.js';
import { WORKSPACE, type CollectedReports } from '../toolchain.js';
import { collectSimpleCov } from './collect-simplecov.js';
import { exitCodeIn, firstLine, projectFile, text } from './report-text.js';
import { RUBY_REPORTS } from './ruby-report-files.js';

const F = RUBY_REPORTS;

/**
 * rspec_junit_formatter's XML, as a fallback only: it says tests="0" errors="0" for a run whose
 * spec files failed to load, so the console's error blocks are added as run-level errors.
 */
async function fromJUnit(xml: Buffer, stdout: string, why: string): Promise<TestReport | null> {
  const parsed = await parseJUnit(xml.toString('utf8'), F.rspecJunit);
  if (!parsed.ok) return null;
  const report = parsed.value;
  const printed = outsideErrors([], consoleErrorBlocks(stdout).length, WORKSPACE, stdout);
  return {
    ...report,
    // No example ids in the JUnit file: `classname#name` (never matches the JSON's; a fallback run is no baseline to match).
    cases: withUniqueIdentities(report.cases.map((c) => ({ ...c, file: projectFile(c.file) })), junitIdentity),
    runErrors: [...report.runErrors, ...printed],
    warnings: [`read from ${F.rspecJunit}: ${why}`, ...report.warnings],
  };
}

export async function collectRspecReports(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
  const stdout = text(files.get(F.rspecStdout));
  const stderr = text(files.get(F.rspecStderr));
  const exitCode = exitCodeIn(files.get(F.rspecExitCode));
  let tests: TestReport | null = null;
  let testsProblem: ReportParseError | null = null;

  const json = files.get(F.rspecJson);
  if (json !== undefined) {
    const parsed = parseRspecJson(json.toString('utf8'), F.rspecJson, WORKSPACE, stdout);
    if (parsed.ok) tests = parsed.value;
    else testsProblem = parsed.error;
  }
  const junit = files.get(F.rspecJunit);
  if (tests === null && junit !== undefined) {
    const fallback = await fromJUnit(junit, stdout, testsProblem?.reason ?? `${F.rspecJson} was not written`);
    if (fallback !== null) {
      tests = fallback;
      testsProblem = null;
    }
  }
  if (tests === null && exitCode !== '' && exitCode !== '0') {
    // RSpec stopped before any formatter wrote ("invalid option: --foo (defined in ./.rspec)").
    const said = firstLine(stderr) ?? firstLine(stdout);
    if (said !== null) {
      tests = { format: RSPEC_JSON_FORMAT, cases: [], runErrors: [{ kind: 'internal', where: 'rspec', message: said }], warnings: [] };
      testsProblem = null;
    }
  }
  if (tests === null && testsProblem === null) testsProblem = new ReportParseError(F.rspecJson, 'no report was written');
  return { tests, testsProblem, ...collectSimpleCov(files) };
}
