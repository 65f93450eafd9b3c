/**
 * pytest with pytest-cov, as Debian packages them (pytest 7.2, pytest-cov 4.0, coverage 6.5:
 * see docs/toolchains.md §2). Reports: JUnit XML (xunit2) and Cobertura XML, checked against
 * two witnesses (pytest-witness.ts). pytest runs through a launcher of ours in the image
 * (templates/python/pytest/launch.py) in isolated mode, so a project file cannot stand in for
 * pytest or its plugins, and the launcher registers the plugin that keeps the outcome record.
 */
import { pythonManifests } from '../../images/manifest-files.js';
import { parseCobertura } from '../../../parsers/cobertura/parse-cobertura.js';
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { ReportParseError } from '../../../parsers/report.js';
import { baseIdentities, shWithArgs } from '../rerun-ids.js';
import { coberturaLineCoverage } from '../line-coverage-readers.js';
import { REPORT_DIR, WORKSPACE, type CollectedReports, type CommandContext, type Toolchain } from '../toolchain.js';
import { detectPytest, hasCoverageConfig } from './detect-pytest.js';
import { pytestTestPaths } from './python-test-paths.js';
import { OUTCOME_RECORD } from './pytest-outcome-record.js';
import { readPytestWitness } from './pytest-witness.js';
import { withPytestIdentities } from './pytest-identity.js';

const JUNIT = 'junit.xml';
const COBERTURA = 'coverage.xml';
// Without a project coverage config, measure the project's code: not its tests, packaging
// scripts or docs (a vendored ez_setup.py once halved a well-tested project's figure).
const OMITTED = ['tests/*', '*/tests/*', 'test/*', 'test_*.py', '*/test_*.py', '*_test.py', 'conftest.py', '*/conftest.py', 'setup.py', 'ez_setup.py', 'docs/*', 'doc/*', 'bench/*', 'benchmarks/*'];
// Root-owned, outside the workspace (templates/python/Dockerfile). -I: no working directory,
// PYTHON* variable or user site on sys.path until the launcher has loaded the runner; -B and -u
// stand in for the PYTHONDONTWRITEBYTECODE and PYTHONUNBUFFERED that -I ignores.
const LAUNCHER = '/opt/patchproof/pytest/launch.py';
const PYTEST = `python3 -I -B -u ${LAUNCHER} ${WORKSPACE}/${REPORT_DIR}/${OUTCOME_RECORD}`;
const DEFAULT_COVERAGE_RC = ['[run]', 'branch = True', 'omit =', ...OMITTED.map((pattern) => `    ${pattern}`)].join('\n');

const COMPILE_CHECK = [
  'import sys',
  'bad = 0',
  'for path in sys.argv[1:]:',
  '    try:',
  '        compile(open(path, "rb").read(), path, "exec")',
  '    except FileNotFoundError:',
  '        pass',
  '    except (SyntaxError, ValueError) as e:',
  '        print(f"{path}:{getattr(e, \'lineno\', \'?\')}: SyntaxError: {getattr(e, \'msg\', e)}", file=sys.stderr)',
  '        bad = 1',
  'sys.exit(bad)',
].join('\n');

export const pytestToolchain: Toolchain = {
  name: 'pytest',
  template: 'python',
  dependencyManifests: pythonManifests,
  testPaths: pytestTestPaths,
  detect: detectPytest,

  buildCommand(context: CommandContext): readonly string[] | null {
    // Only the files the proposal writes: a project's own untouched files (Python 2 examples,
    // templates) are not the proposal's to answer for. compile() writes no bytecode.
    const changed = context.changedPaths.filter((path) => path.endsWith('.py') && context.snapshot.entries.get(path)?.type !== 'dir');
    if (changed.length === 0) return null;
    return ['python3', '-c', COMPILE_CHECK, ...changed];
  },

  testCommand(context: CommandContext): readonly string[] {
    const cov = hasCoverageConfig(context.snapshot)
      ? '--cov --cov-branch'
      : `--cov=. --cov-branch --cov-config=/tmp/patchproof-coveragerc`;
    const script = [
      `mkdir -p ${REPORT_DIR}`,
      `printf '%s\\n' '${DEFAULT_COVERAGE_RC.split('\n').join("' '")}' > /tmp/patchproof-coveragerc`,
      // --verbosity=0 comes after the project's addopts and wins over a -qq there, which would
      // hide the closing summary line the report is checked against (witness, pipeline/runner-summary.ts).
      `exec ${PYTEST} -p no:cacheprovider -o junit_family=xunit2 --junitxml=${REPORT_DIR}/${JUNIT} ${cov} --cov-report=xml:${REPORT_DIR}/${COBERTURA} --cov-report=term -rfE --verbosity=0`,
    ].join(' && ');
    return ['sh', '-c', script];
  },

  /**
   * The node ids as pytest's own arguments, without coverage (the first run's stands); the same
   * JUnit report and outcome record as testCommand, so collect reads them alike.
   */
  rerunCommand(_context: CommandContext, ids: readonly string[]): readonly string[] | null {
    const nodeIds = baseIdentities(ids).filter((id) => id.includes('::') && !id.startsWith('-'));
    if (nodeIds.length === 0) return null;
    const script = [`mkdir -p ${REPORT_DIR}`, `exec ${PYTEST} -p no:cacheprovider -o junit_family=xunit2 --junitxml=${REPORT_DIR}/${JUNIT} -rfE --verbosity=0 "$@"`].join(' && ');
    return shWithArgs(script, nodeIds);
  },

  async collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    const junit = files.get(JUNIT);
    const cobertura = files.get(COBERTURA);
    const tests = junit === undefined ? null : await parseJUnit(junit.toString('utf8'), JUNIT);
    const coverage = cobertura === undefined ? null : await parseCobertura(cobertura.toString('utf8'), COBERTURA);
    return {
      tests: tests?.ok ? withPytestIdentities(tests.value, files.get(OUTCOME_RECORD)) : null,
      testsProblem: tests === null ? new ReportParseError(JUNIT, 'no report was written') : tests.ok ? null : tests.error,
      coverage: coverage?.ok ? coverage.value : null,
      coverageProblem: coverage === null ? new ReportParseError(COBERTURA, 'no report was written') : coverage.ok ? null : coverage.error,
      lineCoverage: await coberturaLineCoverage(files, COBERTURA),
    };
  },

  witness: readPytestWitness,

  noTestsCollected: (exitCode: number | null) => exitCode === 5,

  explainMissingReport(exitCode: number | null): string {
    switch (exitCode) {
      case 5:
        return 'no tests ran: pytest collected none';
      case 4:
        return 'pytest refused its command line or configuration (exit code 4)';
      case 3:
        return 'pytest crashed with an internal error (exit code 3)';
      case 2:
        return 'pytest was interrupted before writing a report (exit code 2)';
      default:
        return `the test run crashed before writing a report (exit code ${exitCode ?? 'unknown'})`;
    }
  },
};
