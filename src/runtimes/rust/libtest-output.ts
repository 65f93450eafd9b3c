/**
 * The console of a libtest harness (`rustc --test`, run with --test-threads=1) read purely: one
 * `test <name> ... ok|FAILED|ignored` line per test, each failure's `---- <name> stdout ----`
 * section (its panic message), and the closing `test result: ...` line, the witness.
 *
 * Read so printed text cannot undo a failure: a name's worst result stands (a learner printing
 * `test x ... ok` before or after libtest's own `FAILED` for x changes nothing), a test with a
 * failure section failed (libtest writes one only for a failure), a line must be a result line
 * whole, a test libtest started (`test x ... `: with one thread its result follows the run) with
 * no result did not finish, and fewer results than the `running N tests` libtest printed before
 * any test ran is a run cut short.
 */
import type { TestCaseRecord, TestReport, TestStatus } from '../../../parsers/report.js';
import type { RunnerSummary } from '../../toolchains/toolchain.js';

export const LIBTEST_FORMAT = 'libtest';

const RESULT = /^test (\S+) \.\.\. (ok|FAILED|ignored)(?:, .*)?$/;
const STARTED = /^test (\S+) \.\.\. $/;
const SECTION = /^---- (\S+) stdout ----$/;
const RUNNING = /^running (\d+) tests?$/;
const CLOSING = /^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; (\d+) measured; (\d+) filtered out/;
const NOTE = /^note: run with `RUST_BACKTRACE=1`/;

const STATUS: Record<string, TestStatus> = { ok: 'passed', FAILED: 'failed', ignored: 'skipped' };
const RANK: Record<TestStatus, number> = { skipped: 0, passed: 1, failed: 2, error: 3 };
const DID_NOT_FINISH = 'did not finish: the test harness exited while it ran (process::exit, abort or a crash)';

export function parseLibtest(stdout: string): TestReport {
  const lines = stdout.split('\n');
  const status = new Map<string, TestStatus>();
  const started: string[] = [];
  const messages = new Map<string, string>();
  let announced: number | null = null;
  let section: { name: string; lines: string[] } | null = null;
  const closeSection = (): void => {
    if (section === null) return;
    const text = section.lines.filter((l) => !NOTE.test(l)).join('\n').trim();
    if (text !== '') messages.set(section.name, text);
    section = null;
  };
  for (const line of lines) {
    const head = SECTION.exec(line);
    if (head !== null) {
      closeSection();
      section = { name: head[1] ?? '', lines: [] };
      if (!started.includes(section.name)) started.push(section.name);
      status.set(section.name, 'failed');
      continue;
    }
    if (section !== null) {
      if (line === 'failures:' || line.startsWith('test result: ')) closeSection();
      else {
        section.lines.push(line);
        continue;
      }
    }
    const running = RUNNING.exec(line);
    if (running !== null && announced === null) announced = Number(running[1]);
    const begun = STARTED.exec(line);
    if (begun !== null) {
      const name = begun[1] ?? '';
      if (!started.includes(name)) started.push(name);
      continue;
    }
    const result = RESULT.exec(line);
    if (result === null) continue;
    const name = result[1] ?? '';
    const next = STATUS[result[2] ?? ''] ?? 'failed';
    if (!started.includes(name)) started.push(name);
    const before = status.get(name);
    if (before === undefined || RANK[next] > RANK[before]) status.set(name, next);
  }
  closeSection();
  const cases = started.map((name): TestCaseRecord => {
    const seen = status.get(name);
    const base = { suite: '', name, file: null, durationMs: null };
    if (seen === undefined) return { ...base, status: 'failed', message: DID_NOT_FINISH };
    return { ...base, status: seen, message: seen === 'failed' ? (messages.get(name) ?? 'failed without a message') : null };
  });
  const missing = announced === null ? 0 : announced - cases.length;
  const runErrors = missing > 0 ? [{ kind: 'internal' as const, where: 'libtest', message: `libtest said it would run ${announced} tests, and ${missing} of them left no result: the run was cut short` }] : [];
  return { format: LIBTEST_FORMAT, cases, runErrors, warnings: [] };
}

/**
 * libtest's last closing line, with the harness's exit code beside it (101 when a test failed);
 * null when there is none (the harness was cut short) or the process was killed.
 */
export function readLibtestSummary(stdout: string, exitCode: number | null): RunnerSummary | null {
  if (exitCode === null || exitCode > 128) return null;
  const line = stdout.split('\n').reverse().find((l) => CLOSING.test(l));
  if (line === undefined) return null;
  const m = CLOSING.exec(line) ?? [];
  const failed = Number(m[3]);
  const exitedBadly = exitCode !== 0 && failed === 0;
  return { line, passed: Number(m[2]), failed, errors: exitedBadly || (m[1] === 'FAILED' && failed === 0) ? 1 : 0 };
}
