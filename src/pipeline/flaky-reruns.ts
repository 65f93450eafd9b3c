/**
 * The rerun phase: the tests that failed run again, only those, in the same sandbox, up to N
 * times, each rerun under the same limits and with the report folder cleared first. A test that
 * passes on a rerun is flaky (flaky-merge.ts). A rerun that hits a limit, leaves no readable
 * report, or names no test it can run ends the reruns: that says nothing about the tests, so the
 * records stay as the runs before it left them.
 *
 * A rerun is judged by its own report only. The runner's witness (runner-summary.ts) is read for
 * the first run, whose report it checks; a test that forges a passing rerun report gains nothing
 * a genuinely flaky test (fail once, then pass) does not already get, and is named as flaky.
 */
import { capReport } from '../../parsers/caps/cap-report.js';
import type { TestReport } from '../../parsers/report.js';
import type { CommandResult } from '../sandbox/command-result.js';
import type { CommandContext, Toolchain } from '../toolchains/toolchain.js';
import { failingIdentities, mergeRerun, type FlakyTest } from './flaky-merge.js';
import { limitHit } from './limit-hit.js';

/**
 * More failing tests than this are not rerun: a change that fails that many is broken, not flaky,
 * and their names would make a command line of megabytes.
 */
export const MAX_RERUN_TESTS = 100;

export interface RerunRecord {
  /** Reruns that ran (a rerun cut short by a limit counts). */
  readonly runs: number;
  readonly durationMs: number;
  readonly flaky: readonly FlakyTest[];
  /** Why the reruns stopped before the tests passed or the reruns ran out; null otherwise. */
  readonly stopped: string | null;
}

/** What the rerun phase needs from the sandbox, so it can be read apart from the engine. */
export interface RerunPorts {
  clearReports(): Promise<void>;
  run(command: readonly string[]): Promise<CommandResult>;
  /** The report folder's files; null when it could not be read (too big, the sandbox gone). */
  readReports(): Promise<ReadonlyMap<string, Buffer> | null>;
}

export async function rerunFailing(toolchain: Toolchain, context: CommandContext, first: TestReport, maxReruns: number, ports: RerunPorts): Promise<{ report: TestReport; record: RerunRecord }> {
  const started = Date.now();
  let report = first;
  const flaky: FlakyTest[] = [];
  let runs = 0;
  let stopped: string | null = null;
  for (let rerun = 1; rerun <= maxReruns; rerun++) {
    const ids = failingIdentities(report);
    if (ids.length === 0) break;
    if (ids.length > MAX_RERUN_TESTS) {
      stopped = `${ids.length} tests failed, more than the ${MAX_RERUN_TESTS} rerun`;
      break;
    }
    const command = toolchain.rerunCommand?.(context, ids) ?? null;
    if (command === null) {
      stopped = `${toolchain.name} cannot run the failing tests on their own`;
      break;
    }
    await ports.clearReports();
    const result = await ports.run(command);
    runs++;
    const hit = limitHit(result);
    if (hit !== null) {
      stopped = `rerun ${rerun} hit a limit (${hit})`;
      break;
    }
    const files = await ports.readReports();
    const collected = files === null ? null : await toolchain.collect(files);
    if (collected?.tests == null) {
      stopped = `rerun ${rerun} left no readable report`;
      break;
    }
    const merged = mergeRerun(report, capReport(collected.tests), rerun);
    report = merged.report;
    flaky.push(...merged.flaky);
  }
  return { report, record: { runs, durationMs: Date.now() - started, flaky, stopped } };
}
