/**
 * The Go toolchain's witness (pipeline/runner-summary.ts): gotestsum's closing line,
 * "DONE 32 tests, 1 skipped, 6 failures, 1 error in 0.004s", printed by a gotestsum that read
 * go test's event stream through a pipe while it ran (go-scripts.ts). The stream's file is in the
 * workspace, where a test (a TestMain after m.Run) can rewrite it in place, every "fail" a "pass";
 * what went through the pipe it can no longer change. The last such line counts: a test may print
 * one of its own, but gotestsum prints its own after the stream ends.
 */
import type { RunnerSummary } from '../toolchain.js';

const DONE = /^DONE (\d+) tests?(?:, (\d+) skipped)?(?:, (\d+) failures?)?(?:, (\d+) errors?)? in \S+$/;

const n = (group: string | undefined): number => Number(group ?? 0);

/** gotestsum's last closing line on stdout; null when it printed none. */
export function readGotestsumSummary(stdout: string): RunnerSummary | null {
  const lines = stdout.split('\n').map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    const m = DONE.exec(line);
    if (m === null) continue;
    const failed = n(m[3]);
    return { line, passed: Math.max(0, n(m[1]) - n(m[2]) - failed), failed, errors: n(m[4]), said: `gotestsum, reading go test's events as they came, printed "${line}"` };
  }
  return null;
}
