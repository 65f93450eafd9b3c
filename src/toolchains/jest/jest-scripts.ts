/**
 * The shell scripts run in /workspace. jest and tsc are started only from root-owned folders of
 * the image, never from the workspace: the project's own locked node_modules (installed at image
 * build time under PROJECT_MODULES) when they hold it, the image's runner otherwise, named by
 * full path (the sandbox sets its own PATH, which replaces the image's). A workspace
 * node_modules/jest/bin/jest.js, which a change could write, is never run.
 * Paths in the reports are relative to REPORT_DIR, as collect receives them.
 */
import { REPORT_DIR } from '../toolchain.js';

/** Where templates/jest/Dockerfile installs jest, ts-jest and typescript. */
export const RUNNER_MODULES = '/opt/jest-runner/node_modules';
/** Where templates/jest/Dockerfile installs the project's locked dependencies (root-owned). */
export const PROJECT_MODULES = '/opt/patchproof/deps/node_modules';
// Set here too, not only in the image: the sandbox's environment wins over the image's.
const ENVIRONMENT = `export NODE_PATH=${RUNNER_MODULES} FORCE_COLOR=0`;

export const JEST_JSON = 'jest.json';
export const COVERAGE_DIR = 'coverage';
export const COVERAGE_SUMMARY = `${COVERAGE_DIR}/coverage-summary.json`;

/** `set --` to node and the first of the image's copies of `bin` (a path inside a package). */
function fromImage(bin: string): string {
  return `if [ -f ${PROJECT_MODULES}/${bin} ]; then set -- node ${PROJECT_MODULES}/${bin}; else set -- node ${RUNNER_MODULES}/${bin}; fi`;
}

/** tsc over the project's tsconfig.json; checked again at run time because a change may delete it. */
export const TYPECHECK_SCRIPT = [
  '[ -f tsconfig.json ] || exit 0',
  ENVIRONMENT,
  fromImage('typescript/bin/tsc'),
  'exec "$@" --noEmit -p . --pretty false',
].join('\n');

/**
 * --json is the source of truth (JUnit hides suites that fail to run). --outputFile does not
 * create its folder, so it is made first; the exit code is jest's own. --passWithNoTests: without
 * it jest exits 1 as soon as it finds no tests, racing the report writer (in the sandbox the
 * report was lost), so "no tests" would read as "no report"; with it the report is always
 * written, and zero tests is still never a pass.
 */
export const TEST_SCRIPT = [
  ENVIRONMENT,
  `mkdir -p ${REPORT_DIR}/${COVERAGE_DIR}`,
  fromImage('jest/bin/jest.js'),
  `exec "$@" --ci --watchman=false --passWithNoTests --json --outputFile=${REPORT_DIR}/${JEST_JSON} --coverage --coverageReporters=json-summary --coverageDirectory=${REPORT_DIR}/${COVERAGE_DIR}`,
].join('\n');
