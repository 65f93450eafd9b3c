/**
 * A step's bash tests with bats (Debian's bats 1.8): every `*.bats` file beside main.sh, run by
 * `bats --tap`, whose TAP stream is parsed purely. Each test runs in a process of its own, and
 * the bats process above them prints the plan (`1..N`) before any test runs and exits 1 when a
 * test's process failed, whatever that process printed: plan and exit code are the witness.
 *
 * What that stops: an `ok` line the code prints for a test that then fails (a failure stands), a
 * test that exits early (bats reports it failed), a run cut short (fewer results than the plan).
 * What it cannot stop: the code runs in the test's own shell, so code that removes bats's traps,
 * prints the test's `ok` line itself and exits 0 forges that test's pass.
 */
import type { TestCaseRecord, TestReport, TestStatus } from '../../../parsers/report.js';
import type { RunnerSummary } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

export const batsFramework: TestFramework = {
  name: 'bats',
  command: ['bats', '--tap', '.'],
  async collect(run) {
    return judgeStepReport('bats', parseBatsTap(run.stdout), null, readBatsOutcome(run.stdout, run.exitCode));
  },
};

const PLAN = /^1\.\.(\d+)$/;
const RESULT = /^(not )?ok (\d+) (.*)$/;
const SKIP = /^(.*?) # skip\b ?(.*)$/;
const RANK: Record<TestStatus, number> = { skipped: 0, passed: 1, failed: 2, error: 3 };

interface Seen {
  name: string;
  status: TestStatus;
  message: string[];
}

function planOf(lines: readonly string[]): number | null {
  const line = lines.find((l) => PLAN.test(l));
  return line === undefined ? null : Number(PLAN.exec(line)?.[1]);
}

/** One record per test number, its worst result; a failure's `# ` lines are its message. */
export function parseBatsTap(stdout: string): TestReport {
  const lines = stdout.split('\n');
  const tests = new Map<number, Seen>();
  let current: Seen | null = null;
  for (const line of lines) {
    const result = RESULT.exec(line);
    if (result === null) {
      if (current?.status === 'failed' && line.startsWith('# ')) current.message.push(line.slice(2));
      continue;
    }
    const skip = result[1] === undefined ? SKIP.exec(result[3] ?? '') : null;
    const status: TestStatus = result[1] !== undefined ? 'failed' : skip !== null ? 'skipped' : 'passed';
    const name = skip?.[1] ?? result[3] ?? '';
    const number = Number(result[2]);
    const before = tests.get(number);
    if (before !== undefined && RANK[before.status] >= RANK[status]) {
      current = null;
      continue;
    }
    current = { name, status, message: skip?.[2] ? [skip[2]] : [] };
    tests.set(number, current);
  }
  const cases = [...tests.entries()].sort(([a], [b]) => a - b).map(([, t]): TestCaseRecord => ({
    suite: '',
    name: t.name,
    file: null,
    status: t.status,
    durationMs: null,
    message: t.status === 'failed' ? (t.message.join('\n').trim() || 'failed without a message') : t.status === 'skipped' ? (t.message.join(' ') || null) : null,
  }));
  const plan = planOf(lines);
  const missing = plan === null ? 0 : plan - cases.length;
  const runErrors = missing > 0 ? [{ kind: 'internal' as const, where: 'bats', message: `bats planned ${plan} tests, and ${missing} of them left no result: the run was cut short` }] : [];
  return { format: 'bats-tap', cases, runErrors, warnings: [] };
}

/** bats's plan and exit code beside the results' counts; null without a plan or when killed. */
export function readBatsOutcome(stdout: string, exitCode: number | null): RunnerSummary | null {
  if (exitCode === null || exitCode > 128) return null;
  const plan = planOf(stdout.split('\n'));
  if (plan === null) return null;
  const report = parseBatsTap(stdout);
  const count = (status: TestStatus): number => report.cases.filter((c) => c.status === status).length;
  const failed = count('failed');
  return {
    line: `bats planned ${plan} tests and exited ${exitCode}`,
    passed: count('passed'),
    failed,
    errors: exitCode !== 0 && failed === 0 ? 1 : 0,
    said: exitCode === 0 ? `bats exited 0 with ${count('passed')} tests passing` : 'bats exited with a failure',
  };
}
