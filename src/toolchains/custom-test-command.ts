/**
 * `--test-command`: the project's own way of running its tests, in the image and with the build
 * step of the toolchain detected (or named). patchproof still judges from machine reports, never
 * from the exit code alone: the command must write JUnit XML files (any runner can) into
 * $PATCHPROOF_REPORT_DIR, and may write Cobertura coverage there as coverage.xml.
 */
import { parseCobertura } from '../../parsers/cobertura/parse-cobertura.js';
import { withUniqueIdentities, junitIdentity } from '../../parsers/identity/unique-identities.js';
import { parseJUnit } from '../../parsers/junit/parse-junit.js';
import { ReportParseError, type RunLevelError, type TestCaseRecord } from '../../parsers/report.js';
import { coberturaLineCoverage } from './line-coverage-readers.js';
import { type CollectedReports, REPORT_DIR, type Toolchain, WORKSPACE } from './toolchain.js';

const COVERAGE = 'coverage.xml';

export function withTestCommand(base: Toolchain, command: string): Toolchain {
  return {
    ...base,
    testCommand: () => [
      'sh',
      '-c',
      // The user's command runs in its own shell, so its quoting is its own.
      `mkdir -p ${REPORT_DIR} && PATCHPROOF_REPORT_DIR=${WORKSPACE}/${REPORT_DIR} && export PATCHPROOF_REPORT_DIR && exec sh -c "$0"`,
      command,
    ],
    collect: collectJUnitDirectory,
    // Its coverage is Cobertura, named by project path, whatever the toolchain's own report does.
    coverageKey: undefined,
    // The project's command prints what it likes: there is no runner's word to read.
    witness: undefined,
    // Its tests are not run again: patchproof cannot tell the project's command to run only some.
    rerunCommand: undefined,
    explainMissingReport: (exitCode) =>
      `the test command wrote no JUnit XML report into $PATCHPROOF_REPORT_DIR (exit code ${exitCode ?? 'unknown'}); with --test-command, reports are required`,
  };
}

export async function collectJUnitDirectory(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
  const names = [...files.keys()].filter((name) => name.endsWith('.xml') && name !== COVERAGE).sort();
  const cobertura = files.get(COVERAGE);
  const coverage = cobertura === undefined ? null : await parseCobertura(cobertura.toString('utf8'), COVERAGE);
  const coverageFields = {
    coverage: coverage?.ok ? coverage.value : null,
    coverageProblem: coverage === null ? new ReportParseError(COVERAGE, 'no report was written') : coverage.ok ? null : coverage.error,
    lineCoverage: await coberturaLineCoverage(files, COVERAGE),
  };
  if (names.length === 0) return { tests: null, testsProblem: new ReportParseError('*.xml', 'no JUnit XML report was written'), ...coverageFields };
  const cases: TestCaseRecord[] = [];
  const runErrors: RunLevelError[] = [];
  const warnings: string[] = [];
  for (const name of names) {
    const parsed = await parseJUnit(files.get(name)?.toString('utf8') ?? '', name);
    // One unreadable report makes the whole unreadable: a partial count could pass a failing run.
    if (!parsed.ok) return { tests: null, testsProblem: parsed.error, ...coverageFields };
    cases.push(...parsed.value.cases);
    runErrors.push(...parsed.value.runErrors);
    warnings.push(...parsed.value.warnings);
  }
  return { tests: { format: 'junit', cases: withUniqueIdentities(cases, junitIdentity), runErrors, warnings }, testsProblem: null, ...coverageFields };
}
