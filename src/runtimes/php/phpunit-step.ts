/**
 * A step's PHP tests with PHPUnit 9 (Debian's phpunit): every `*Test.php` beside main.php, found
 * by PHPUnit itself with no configuration file read (`--no-configuration`: a phpunit.xml among the
 * learner's files could add a bootstrap or an extension of its own). Its JUnit log is read by the
 * validation's JUnit parser, and its closing lines ("OK (2 tests, 2 assertions)", "Tests: 2,
 * Assertions: 2, Failures: 1.") are the witness.
 *
 * What that stops: a passing log written by the code and an early exit (no closing line backs
 * it), a log rewritten at exit (it disagrees with the line). What it cannot stop, as with every
 * runner that loads the learner's code into its own process: code that writes a log and a closing
 * line of its own, then exits.
 */
import { parseJUnit } from '../../../parsers/junit/parse-junit.js';
import type { TestReport } from '../../../parsers/report.js';
import { REPORT_DIR, type RunnerSummary, WORKSPACE } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

const REPORTS = `${WORKSPACE}/${REPORT_DIR}`;
const LOG = 'phpunit-junit.xml';

export const phpunitFramework: TestFramework = {
  name: 'phpunit',
  command: ['sh', '-c', `mkdir -p ${REPORTS} && exec phpunit --no-configuration --do-not-cache-result --colors=never --log-junit ${REPORTS}/${LOG} .`],
  async collect(run) {
    const log = run.files.get(LOG);
    const parsed = log === undefined ? null : await parseJUnit(log.toString('utf8'), LOG);
    const problem = parsed === null ? `phpunit wrote no report (exit code ${run.exitCode ?? 'none'}): the code ended the run, or it was cut short` : parsed.ok ? null : parsed.error.message;
    const report = parsed?.ok === true ? withConsoleMessages(parsed.value, readPhpunitFailures(run.stdout)) : null;
    return judgeStepReport('phpunit', report, problem, readPhpunitSummary(run.stdout));
  },
};

const OK = /^OK \((\d+) tests?, (\d+) assertions?\)$/;
const COUNTS = /^Tests: (\d+), Assertions: (\d+)((?:, [A-Za-z]+: \d+)*)\.$/;

/**
 * PHPUnit's last closing line; null when it printed none. A test with a warning, or risky or
 * incomplete, is not counted as passed: the witness never backs more passes than PHPUnit saw.
 */
export function readPhpunitSummary(stdout: string): RunnerSummary | null {
  const lines = stdout.split('\n').map((l) => l.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const ok = OK.exec(line);
    if (ok !== null) return { line, passed: Number(ok[1]), failed: 0, errors: 0 };
    const counts = COUNTS.exec(line);
    if (counts === null) continue;
    const kinds = new Map((counts[3] ?? '').split(', ').filter((p) => p !== '').map((p) => {
      const [key, value] = p.split(': ');
      return [key ?? '', Number(value)] as const;
    }));
    const of = (key: string): number => kinds.get(key) ?? 0;
    const notPassed = of('Errors') + of('Failures') + of('Warnings') + of('Skipped') + of('Incomplete') + of('Risky');
    return { line, passed: Math.max(0, Number(counts[1]) - notPassed), failed: of('Failures'), errors: of('Errors') };
  }
  return null;
}

const BLOCK = /^\d+\) (\S+::\S+)$/;

/**
 * Each failure's and error's text from the console ("1) MainTest::testNegative", its message
 * lines, a blank line): the JUnit log's body starts with the test's own name, so the parser's
 * one-line message would say only that. Messages only: a status is never read from here.
 */
export function readPhpunitFailures(stdout: string): Map<string, string> {
  const found = new Map<string, string>();
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const head = BLOCK.exec(lines[i] ?? '');
    if (head === null) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && (lines[j] ?? '').trim() !== ''; j++) body.push(lines[j] ?? '');
    if (body.length > 0 && !found.has(head[1] ?? '')) found.set(head[1] ?? '', body.join('\n'));
  }
  return found;
}

function withConsoleMessages(report: TestReport, messages: ReadonlyMap<string, string>): TestReport {
  const cases = report.cases.map((c) => {
    const message = c.status === 'failed' || c.status === 'error' ? messages.get(`${c.suite}::${c.name}`) : undefined;
    return message === undefined ? c : { ...c, message };
  });
  return { ...report, cases };
}
