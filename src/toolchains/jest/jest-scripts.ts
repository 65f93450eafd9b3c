/**
 * The shell scripts run in /workspace. jest and tsc are started only from root-owned folders of
 * the image, never from the workspace: the project's own locked node_modules (installed at image
 * build time under PROJECT_MODULES) when they hold it, the image's runner otherwise, named by
 * full path (the sandbox sets its own PATH, which replaces the image's). A workspace
 * node_modules/jest, which a change could write, is never run (see LAUNCH_JEST).
 * Paths in the reports are relative to REPORT_DIR, as collect receives them.
 */
import { REPORT_DIR } from '../toolchain.js';
import { TESTS_TSCONFIG, WRITE_TESTS_TSCONFIG } from './jest-typecheck.js';

/** Where templates/jest/Dockerfile installs jest, ts-jest and typescript. */
export const RUNNER_MODULES = '/opt/jest-runner/node_modules';
/** Where templates/jest/Dockerfile installs the project's locked dependencies (root-owned). */
export const PROJECT_MODULES = '/opt/patchproof/deps/node_modules';
// Set here too, not only in the image: the sandbox's environment wins over the image's.
const ENVIRONMENT = `export NODE_PATH=${RUNNER_MODULES} FORCE_COLOR=0`;

export const JEST_JSON = 'jest.json';
export const COVERAGE_DIR = 'coverage';
export const COVERAGE_SUMMARY = `${COVERAGE_DIR}/coverage-summary.json`;
/** istanbul's `json` reporter: per-statement hits, for the coverage of the lines a change touched. */
export const COVERAGE_FINAL = `${COVERAGE_DIR}/coverage-final.json`;

/** `set --` to node and the first of the image's copies of `bin` (a path inside a package). */
function fromImage(bin: string): string {
  return `if [ -f ${PROJECT_MODULES}/${bin} ]; then set -- node ${PROJECT_MODULES}/${bin}; else set -- node ${RUNNER_MODULES}/${bin}; fi`;
}

/**
 * tsc over the project's tsconfig.json, restricted to the files its tests reach (jest-typecheck.ts);
 * the tsconfig is checked again at run time because a change may delete it.
 */
export const TYPECHECK_SCRIPT = [
  '[ -f tsconfig.json ] || exit 0',
  ENVIRONMENT,
  fromImage('typescript/bin/tsc'),
  `node -e ${quote(WRITE_TESTS_TSCONFIG)} || exit $?`,
  `[ -f ${TESTS_TSCONFIG} ] || { echo 'no TypeScript test files: nothing to type-check'; exit 0; }`,
  `exec "$@" --noEmit -p ${TESTS_TSCONFIG} --pretty false`,
].join('\n');

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * jest-cli started directly, from the jest package named by the first argument. Not through
 * jest/bin/jest.js or jest-cli/bin/jest.js: both hand over to "import-local", which runs the
 * workspace's node_modules/jest instead when there is one, a file a change could write. The
 * rest of the arguments are jest's (node -e puts them from process.argv[1] on).
 */
const LAUNCH_JEST = [
  'const home = process.argv[1];',
  "process.env.NODE_ENV ??= 'test';",
  "require(require.resolve('jest-cli', { paths: [home] })).run(process.argv.slice(2));",
].join(' ');

/**
 * --json is the source of truth (JUnit hides suites that fail to run). --outputFile does not
 * create its folder, so it is made first; the exit code is jest's own. --passWithNoTests: without
 * it jest exits 1 as soon as it finds no tests, racing the report writer (in the sandbox the
 * report was lost), so "no tests" would read as "no report"; with it the report is always
 * written, and zero tests is still never a pass.
 */
const JEST_HOME = `if [ -f ${PROJECT_MODULES}/jest/package.json ]; then JEST_HOME=${PROJECT_MODULES}/jest; else JEST_HOME=${RUNNER_MODULES}/jest; fi`;
const RUN_JEST = `node -e ${quote(LAUNCH_JEST)} "$JEST_HOME" --ci --watchman=false --passWithNoTests --json --outputFile=${REPORT_DIR}/${JEST_JSON}`;

export const TEST_SCRIPT = [
  ENVIRONMENT,
  `mkdir -p ${REPORT_DIR}/${COVERAGE_DIR}`,
  JEST_HOME,
  `exec ${RUN_JEST} --coverage --coverageReporters=json-summary --coverageReporters=json --coverageDirectory=${REPORT_DIR}/${COVERAGE_DIR}`,
].join('\n');

/**
 * Some tests again, without coverage: the first argument is a -t name pattern, the rest the test
 * files (--runTestsByPath: taken as paths, not as patterns).
 */
export const RERUN_SCRIPT = [
  ENVIRONMENT,
  `mkdir -p ${REPORT_DIR}`,
  JEST_HOME,
  'pattern=$1',
  'shift',
  `exec ${RUN_JEST} -t "$pattern" --runTestsByPath "$@"`,
].join('\n');
