/**
 * A step's tests run by node's built-in runner (`node --test`; Debian packages jest only with 292
 * packages and no junit reporter, so the runtime image does not carry it). The runner is a parent
 * process: each test file, and the learner's code it loads, runs in a child whose output the
 * parent parses, so printing TAP lines cannot forge a result. The parent writes a JUnit report
 * (read by the validation's JUnit parser) and its TAP summary on stdout (`# pass N`, `# fail N`),
 * which is the witness the report is checked against, as a validation's is.
 */
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import { REPORT_DIR, type RunnerSummary, WORKSPACE } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

const REPORTS = `${WORKSPACE}/${REPORT_DIR}`;
const JUNIT = 'node-junit.xml';

export const nodeTestFramework: TestFramework = {
  name: 'node:test',
  command: ['sh', '-c', `mkdir -p ${REPORTS} && exec node --test --test-reporter=junit --test-reporter-destination=${REPORTS}/${JUNIT} --test-reporter=tap --test-reporter-destination=stdout`],
  async collect(run) {
    const junit = run.files.get(JUNIT);
    const parsed = junit === undefined ? null : await parseJUnit(junit.toString('utf8'), JUNIT);
    const problem = parsed === null ? `node --test wrote no report (exit code ${run.exitCode ?? 'none'})` : parsed.ok ? null : parsed.error.message;
    return judgeStepReport('node:test', parsed?.ok === true ? parsed.value : null, problem, readTapSummary(run.stdout));
  },
};

/** The closing `# pass N` / `# fail N` block of node's TAP reporter; null when the run was cut short. */
export function readTapSummary(stdout: string): RunnerSummary | null {
  const tail = stdout.split('\n').slice(-40);
  const count = (key: string): number | null => {
    const line = [...tail].reverse().find((l) => l.startsWith(`# ${key} `));
    const n = line === undefined ? NaN : Number(line.slice(key.length + 3));
    return Number.isInteger(n) ? n : null;
  };
  const [tests, pass, fail, cancelled] = [count('tests'), count('pass'), count('fail'), count('cancelled')];
  if (tests === null || pass === null || fail === null) return null;
  return { line: `# tests ${tests}, # pass ${pass}, # fail ${fail}`, passed: pass, failed: fail, errors: cancelled ?? 0 };
}
