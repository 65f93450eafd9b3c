/**
 * A script job's model below the application layer: its types, limits, statuses and the shape of
 * a run's result, which the store reads back and the views show as they are.
 */
import { z } from 'zod';
import { LIMIT_CODES } from '../sandbox/limit-codes.js';

export const JOB_TYPES = ['bash', 'python', 'node'] as const;
export const JobType = z.enum(JOB_TYPES);
export type JobType = z.infer<typeof JobType>;

export const MAX_SCRIPT_BYTES = 256 * 1024;
export const MAX_INPUT_CHARS = 256 * 1024;
/** Nesting of a job's input no script needs; deeper, measuring its size (JSON.stringify) overflows the stack. */
export const MAX_INPUT_DEPTH = 32;
export const MAX_VARIABLES = 100;
export const MAX_VARIABLE_CHARS = 64 * 1024;
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** How deep arrays and objects nest in `value`, counted without recursion (so any depth is measured), stopping past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [item, depth] = next;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > deepest) deepest = depth + 1;
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** `cancelled`: the job was deleted while the run was queued or going (its sandbox removed). */
export const JOB_STATUSES = ['queued', 'preparing', 'running', 'completed', 'failed', 'timeout', 'cancelled'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;
export const FINAL_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'timeout', 'cancelled'];

export const JobResultView = z.object({
  output: z.unknown().nullable(),
  condition: z.string().nullable(),
  variables: z.record(z.string(), z.string()),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int().nonnegative(),
  limitHit: z.enum(LIMIT_CODES).nullable(),
  stdout: z.string(),
  stderr: z.string(),
  outputTruncated: z.boolean(),
  /** Why a run failed when the script's exit code does not say it: a bad result file, a limit, ours. */
  error: z.string().nullable(),
});
export type JobResultView = z.infer<typeof JobResultView>;

