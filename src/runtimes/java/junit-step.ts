/**
 * A step's Java tests with JUnit 5 (Debian's junit5 1.9: the console launcher; JUnit 4 tests run
 * too, through its vintage engine). The step's test classes are the files named `*Test.java`,
 * `Test*.java` or `*Tests.java`, in the default package beside Main.java; they compile with the
 * code (javac, as the run's compile step, so a test that does not compile reads like the code's
 * error) and only they are selected, by names fixed before the learner's code runs (test classes
 * the learner adds are not counted). The launcher's XML reports are read by the validation's
 * JUnit parser, and its closing table on stdout ("[ 1 tests failed ]") is the witness.
 *
 * What that stops: a passing report written by the code and an early System.exit (no table backs
 * it), a report rewritten at exit (it disagrees with the table). What it cannot stop, as with a
 * validation's Maven tests: the tests run in the learner's JVM, which can write a report and a
 * table of its own, then halt.
 */
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import type { TestCaseRecord } from '../../../parsers/report.js';
import { REPORT_DIR, type RunnerSummary, WORKSPACE } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

const REPORTS = `${WORKSPACE}/${REPORT_DIR}`;
const JUNIT_DIR = 'junit';
const LAUNCHER = '/usr/share/java/junit-platform-console-standalone.jar';
/** The launcher carries JUnit 5's API; JUnit 4's and hamcrest's are for vintage tests. */
const CLASSPATH = `${LAUNCHER}:/usr/share/java/junit4.jar:/usr/share/java/hamcrest.jar`;
const CLASSES = '/tmp/step-classes';
const JVM = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];

const COMPILE = [
  `: > ${CLASSES}`,
  'for f in *.java; do',
  '  case "$f" in *Test.java | Test*.java | *Tests.java) ;; *) continue ;; esac',
  '  c=${f%.java}',
  '  case "$c" in [!A-Za-z_$]* | *[!A-Za-z0-9_$]*) echo "error: the test file $f is not named as a Java class" >&2; exit 1 ;; esac',
  `  printf -- '--select-class=%s\\n' "$c" >> ${CLASSES}`,
  'done',
  `exec javac ${JVM.map((o) => `-J${o}`).join(' ')} -d /tmp/classes -cp ${CLASSPATH} *.java`,
].join('\n');

const RUN = [
  `mkdir -p ${REPORTS}/${JUNIT_DIR}`,
  // No test class: a selector nothing matches, so no test runs rather than a scan of every class.
  `set -- $(cat ${CLASSES}); [ $# -gt 0 ] || set -- --select-class=NoStepTests`,
  `exec java ${JVM.join(' ')} -jar ${LAUNCHER} --disable-banner --disable-ansi-colors --details=tree -cp /tmp/classes:${CLASSPATH} --reports-dir ${REPORTS}/${JUNIT_DIR} "$@"`,
].join('\n');

export const junitFramework: TestFramework = {
  name: 'junit',
  compile: ['sh', '-c', COMPILE],
  command: ['sh', '-c', RUN],
  async collect(run) {
    const names = [...run.files.keys()].filter((name) => name.startsWith(`${JUNIT_DIR}/`) && name.endsWith('.xml')).sort();
    if (names.length === 0) return judgeStepReport('junit', null, `the JUnit launcher wrote no report (exit code ${run.exitCode ?? 'none'}): the code ended the run, or it was cut short`, null);
    const cases: TestCaseRecord[] = [];
    const runErrors = [];
    for (const name of names) {
      const parsed = await parseJUnit(run.files.get(name)?.toString('utf8') ?? '', name);
      if (!parsed.ok) return judgeStepReport('junit', null, parsed.error.message, null);
      cases.push(...parsed.value.cases);
      runErrors.push(...parsed.value.runErrors);
    }
    const report = { format: 'junit', cases, runErrors, warnings: [] };
    return judgeStepReport('junit', report, null, readLauncherSummary(run.stdout));
  },
};

const ROW = /^\[\s*(\d+) tests (found|skipped|started|aborted|successful|failed)\s*\]$/;

/** The launcher's last closing table (its `tests` rows); null when it printed none. */
export function readLauncherSummary(stdout: string): RunnerSummary | null {
  const lines = stdout.split('\n').map((l) => l.trim());
  const found = lines.map((l) => ROW.exec(l)).filter((m) => m !== null);
  // A table is six rows in a fixed order; the last one printed ends with "failed".
  const rows = found.slice(-6);
  if (rows.length < 6 || rows[0]?.[2] !== 'found' || rows[5]?.[2] !== 'failed') return null;
  const count = (what: string): number => Number(rows.find((m) => m[2] === what)?.[1] ?? 0);
  return {
    line: `[ ${count('successful')} tests successful ] [ ${count('failed')} tests failed ] [ ${count('aborted')} tests aborted ]`,
    passed: count('successful'),
    failed: count('failed'),
    errors: count('aborted'),
  };
}
