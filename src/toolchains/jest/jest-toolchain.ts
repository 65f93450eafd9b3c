/**
 * jest 29.7 (with ts-jest and typescript for TypeScript projects) on Debian's nodejs 18, as
 * docs/toolchains.md §3.2 explains. Reports: `jest --json` for the tests, istanbul's
 * json-summary for coverage. TypeScript projects are type-checked with tsc first, so a type
 * error reads "build failed: <file>(<line>,<col>): error TS…" rather than as a failing suite.
 */
import { parseIstanbulSummary } from '../../../parsers/istanbul-summary/parse-istanbul-summary.js';
import { parseJestJson } from '../../../parsers/jest-json/parse-jest-json.js';
import { ReportParseError, type CoverageSummary, type ParseResult, type TestReport } from '../../../parsers/report.js';
import { WORKSPACE, type CollectedReports, type CommandContext, type Toolchain } from '../toolchain.js';
import { detectJest, isTypeScriptProject } from './detect-jest.js';
import { hostCaBundle } from './host-ca-bundle.js';
import { javascriptManifests } from '../../images/manifest-files.js';
import { COVERAGE_FINAL, COVERAGE_SUMMARY, JEST_JSON, RERUN_SCRIPT, TEST_SCRIPT, TYPECHECK_SCRIPT } from './jest-scripts.js';
import { jestRerunArgs } from './jest-rerun.js';
import { shWithArgs } from '../rerun-ids.js';
import { istanbulLineCoverage } from '../line-coverage-readers.js';
import { jestTestPaths } from './jest-test-paths.js';
import { readJestSummary } from './jest-summary.js';
import { readTscErrors, tscErrorKey } from './tsc-errors.js';

function read<T>(files: ReadonlyMap<string, Buffer>, name: string, parse: (text: string, file: string) => ParseResult<T>): { value: T | null; problem: ReportParseError | null } {
  const content = files.get(name);
  if (content === undefined) return { value: null, problem: new ReportParseError(name, 'no report was written') };
  const result = parse(content.toString('utf8'), name);
  return result.ok ? { value: result.value, problem: null } : { value: null, problem: result.error };
}

export const jestToolchain: Toolchain = {
  name: 'jest',
  template: 'jest',
  testPaths: jestTestPaths,
  detect: detectJest,
  dependencyManifests: javascriptManifests,

  async extraContext() {
    return [await hostCaBundle()];
  },

  buildCommand(context: CommandContext): readonly string[] | null {
    const typescript = isTypeScriptProject(context.snapshot) || context.changedPaths.includes('tsconfig.json');
    return typescript ? ['sh', '-c', TYPECHECK_SCRIPT] : null;
  },

  buildErrors: readTscErrors,
  buildErrorKey: tscErrorKey,

  testCommand(): readonly string[] {
    return ['sh', '-c', TEST_SCRIPT];
  },

  rerunCommand(_context: CommandContext, ids: readonly string[]): readonly string[] | null {
    const args = jestRerunArgs(ids);
    return args === null ? null : shWithArgs(RERUN_SCRIPT, args);
  },

  async collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    const tests = read<TestReport>(files, JEST_JSON, (text, file) => parseJestJson(text, file, WORKSPACE));
    const coverage = read<CoverageSummary>(files, COVERAGE_SUMMARY, parseIstanbulSummary);
    return { tests: tests.value, testsProblem: tests.problem, coverage: coverage.value, coverageProblem: coverage.problem, lineCoverage: istanbulLineCoverage(files, COVERAGE_FINAL) };
  },

  witness: (run) => readJestSummary(run.stderr),

  explainMissingReport(exitCode: number | null): string {
    switch (exitCode) {
      case 1:
        return 'jest stopped before writing its report (exit code 1): its configuration or a setup file could not be loaded';
      case 127:
        return 'jest could not be started: it is not installed in the image (exit code 127)';
      default:
        return `the test run crashed before writing a report (exit code ${exitCode ?? 'unknown'})`;
    }
  },
};
