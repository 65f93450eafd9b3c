/**
 * Reads what the Maven test script left under REPORT_DIR (maven-report-files.ts) into
 * CollectedReports: every Surefire report, in writing order, merged into one TestReport, and the
 * JaCoCo XML as the coverage summary.
 */
import { parseJacoco } from '../../../parsers/jacoco/parse-jacoco.js';
import { identifyReport, junitIdentity } from '../../../parsers/identity/unique-identities.js';
import { ReportParseError, type TestReport } from '../../../parsers/report.js';
import { SUREFIRE_FORMAT, parseSurefireReports, type SurefireReportFile } from '../../../parsers/surefire/parse-surefire-reports.js';
import type { CollectedReports } from '../toolchain.js';
import { MAVEN_REPORTS } from './maven-report-files.js';

const SUREFIRE_PREFIX = `${MAVEN_REPORTS.surefireDir}/`;
const SUREFIRE_LABEL = 'target/surefire-reports/TEST-*.xml';

function lines(file: Buffer | undefined): string[] {
  if (file === undefined) return [];
  return file.toString('utf8').split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** The copied reports, oldest first as the manifest lists them; any it misses follow by name. */
function surefireFiles(files: ReadonlyMap<string, Buffer>): SurefireReportFile[] {
  const order = new Map(lines(files.get(MAVEN_REPORTS.surefireOrder)).map((path, index) => [path, index]));
  const found: SurefireReportFile[] = [];
  for (const [name, content] of files) {
    if (name.startsWith(SUREFIRE_PREFIX) && name.endsWith('.xml')) {
      found.push({ path: name.slice(SUREFIRE_PREFIX.length), text: content.toString('utf8') });
    }
  }
  const rank = (file: SurefireReportFile): number => order.get(file.path) ?? Number.MAX_SAFE_INTEGER;
  return found.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

const NO_TESTS: TestReport = { format: SUREFIRE_FORMAT, cases: [], runErrors: [], warnings: [] };

export async function collectMavenReports(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
  const reports = surefireFiles(files);
  const exitCode = lines(files.get(MAVEN_REPORTS.exitCode))[0];
  let tests: TestReport | null = null;
  let testsProblem: ReportParseError | null = null;
  if (reports.length > 0) {
    const parsed = await parseSurefireReports({ files: reports, testSources: new Set(lines(files.get(MAVEN_REPORTS.testSources))) });
    // `classname#name`: what -Dtest= takes to run it again.
    if (parsed.ok) tests = identifyReport(parsed.value, junitIdentity);
    else testsProblem = parsed.error;
  } else if (exitCode === '0') {
    // Maven succeeded and Surefire wrote nothing: it found no tests ("No tests to run.").
    tests = NO_TESTS;
  } else {
    testsProblem = new ReportParseError(SUREFIRE_LABEL, 'no report was written');
  }

  const jacoco = files.get(MAVEN_REPORTS.jacoco);
  const coverage = jacoco === undefined ? null : await parseJacoco(jacoco.toString('utf8'), MAVEN_REPORTS.jacoco);
  return {
    tests,
    testsProblem,
    coverage: coverage?.ok ? coverage.value : null,
    coverageProblem: coverage === null ? new ReportParseError(MAVEN_REPORTS.jacoco, 'no report was written') : coverage.ok ? null : coverage.error,
  };
}
