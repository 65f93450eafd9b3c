/**
 * The reaper's own exec (reaper.ts), for a command run without the wrapper, to stop one, and for
 * our own work on a workspace (sandbox.ts prepareWorkspace). An exec the runtime could not start
 * is started again (nothing of the script ran): under a fork bomb a start fails now and then
 * (docs/sandbox.md P3: 4 of 66 in a probe under load), never seen twice in a row. Each such failure
 * has the engine's stats sampled, alongside, as the evidence of the pids being full, should every
 * start fail and the container have to be killed.
 */
import { setTimeout as pause } from 'node:timers/promises';
import type Docker from 'dockerode';
import { z } from 'zod';
import { withDeadline } from '../engine/engine-deadline.js';
import type { CommandResult } from './command-result.js';
import { execCommand } from './exec-command.js';
import { EXEC_USER, WRITABLE_MOUNTS } from './hardened-spec.js';
import { MEASURING_OUTPUT, parseReaperOutput, reaperScript, type ReaperReport, type ReaperSteps } from './reaper.js';

/** The reaper reads and kills in one go; anything slower is stuck. */
export const REAPER_TIMEOUT_MS = 15_000;
const REAPER_STARTS = 8;
const REAPER_RETRY_PAUSE_MS = 250;

export interface ReaperTarget {
  readonly container: Docker.Container;
  readonly engineTimeoutMs: number;
  /** Kills the container: the reaper's own limits (deadline, output) passed. */
  readonly kill: () => Promise<void>;
  readonly alive: () => boolean;
}

export interface ReaperExecOptions {
  readonly timeoutMs: number;
  readonly stdin?: Buffer | undefined;
}

/**
 * Runs the reaper script; throws as the engine failed it. `pidsFull`: the engine's stats showed
 * the pids at the limit when a start failed.
 */
export async function runReaperExec(target: ReaperTarget, measure: string | undefined, steps: ReaperSteps, exec: ReaperExecOptions): Promise<{ result: CommandResult; report: ReaperReport | null; pidsFull: boolean }> {
  const samples: Promise<boolean>[] = [];
  const ours = steps.before !== undefined || steps.input !== undefined || steps.readFile !== undefined;
  try {
    for (let start = 1; ; start++) {
      const result = await execCommand(target.container, ['sh', '-c', reaperScript(WRITABLE_MOUNTS, measure, steps)], {
        timeoutMs: exec.timeoutMs,
        // Measuring, it may carry the folder's archive (reaper.ts INLINE_LIMITS); our steps, a file and what failed.
        ...(measure === undefined && !ours ? { keepBytes: 16 * 1024, limitBytes: 64 * 1024 } : MEASURING_OUTPUT),
        user: EXEC_USER,
        engineTimeoutMs: target.engineTimeoutMs,
        stop: target.kill,
        stdin: exec.stdin,
      });
      if (result.neverStarted === true) {
        samples.push(pidsFullNow(target.container, target.engineTimeoutMs));
        if (start < REAPER_STARTS && target.alive()) {
          await pause(REAPER_RETRY_PAUSE_MS);
          continue;
        }
      }
      return { result, report: parseReaperOutput(result.stdout, result.exitCode), pidsFull: (await Promise.all(samples)).some(Boolean) };
    }
  } finally {
    await Promise.all(samples);
  }
}

/** one-shot: the engine otherwise waits a second to sample CPU twice; we want totals. */
export function oneShotStats(container: Docker.Container, engineTimeoutMs: number): Promise<unknown> {
  return withDeadline(
    'reading the container stats',
    engineTimeoutMs,
    (abortSignal) => {
      const options = { stream: false as const, 'one-shot': true, abortSignal };
      return container.stats(options);
    },
    { containerId: container.id },
  );
}

/** pids at the limit in the engine's stats now: forks were being refused. Never fails: no answer is no evidence. */
export async function pidsFullNow(container: Docker.Container, engineTimeoutMs: number): Promise<boolean> {
  try {
    return pidsExhausted(await oneShotStats(container, engineTimeoutMs));
  } catch {
    return false;
  }
}

const pidsSchema = z.looseObject({ pids_stats: z.looseObject({ current: z.number(), limit: z.number().positive() }) });

/** pids_stats of the engine's stats: at the limit means forks were being refused. */
function pidsExhausted(raw: unknown): boolean {
  const parsed = pidsSchema.safeParse(raw);
  return parsed.success && parsed.data.pids_stats.current >= parsed.data.pids_stats.limit;
}
