/**
 * A step's pytest suite, run exactly as a validation runs pytest (the toolchain's launcher in
 * isolated mode, its outcome-record plugin), read by the toolchain's own parser and witness.
 */
import { pytestToolchain } from '../../toolchains/python/pytest-toolchain.js';
import { REPORT_DIR, WORKSPACE } from '../../toolchains/toolchain.js';
import { OUTCOME_RECORD } from '../../toolchains/python/pytest-outcome-record.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

const REPORTS = `${WORKSPACE}/${REPORT_DIR}`;

export const pytestFramework: TestFramework = {
  name: 'pytest',
  command: ['sh', '-c', `mkdir -p ${REPORTS} && exec python3 -I -B -u /opt/patchproof/pytest/launch.py ${REPORTS}/${OUTCOME_RECORD} -p no:cacheprovider -o junit_family=xunit2 --junitxml=${REPORTS}/junit.xml -rfE --verbosity=0`],
  async collect(run) {
    const collected = await pytestToolchain.collect(run.files);
    const witness = pytestToolchain.witness?.({ stdout: run.stdout, stderr: run.stderr, files: run.files }) ?? null;
    const problem = collected.tests === null ? `${collected.testsProblem?.message ?? 'no report'} (${pytestToolchain.explainMissingReport(run.exitCode)})` : null;
    return judgeStepReport('pytest', collected.tests, problem, witness);
  },
};
