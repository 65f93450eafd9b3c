/**
 * A command run in an allow-listed image inside the hardened sandbox (the MCP execute tools),
 * and the containers patchproof has running for this database: what list_containers shows.
 */
import { z } from 'zod';
import { OWNER_KINDS } from '../../sandbox/labels.js';
import { LIMIT_CODES } from '../../sandbox/limit-codes.js';

export const LimitCodeView = z.enum(LIMIT_CODES);

export const RunResultView = z.object({
  runId: z.string(),
  image: z.string(),
  command: z.array(z.string()),
  /** null when the process never reported one (stopped with its container). */
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  /** The limit the command ran into, the kernel's first (see pipeline/limit-hit.ts); null for none. */
  limitHit: LimitCodeView.nullable(),
  /** The container was removed while the command ran (stop_container): its exit code, if any, is the kill's. */
  stopped: z.boolean(),
  stdout: z.string(),
  stderr: z.string(),
  stdoutBytes: z.number().int(),
  stderrBytes: z.number().int(),
  /** Output was cut between its kept head and tail. */
  outputTruncated: z.boolean(),
  durationMs: z.number(),
  /** The limits it ran under: the configured ones, or lower where the request asked. */
  limits: z.object({
    timeoutS: z.number(),
    cpuTimeS: z.number(),
    memoryMb: z.number(),
    cpus: z.number(),
    pidsLimit: z.number().int(),
    workspaceMb: z.number(),
    tmpMb: z.number(),
    outputLimitBytes: z.number().int(),
  }),
  files: z.number().int(),
  /** Releases that failed after the run (a container the engine would not remove, ...). */
  warnings: z.array(z.string()),
});
export type RunResultView = z.infer<typeof RunResultView>;

/** A run in an image built from a git repository with our toolchain template. */
export const GitRunView = RunResultView.extend({
  source: z.object({ url: z.string(), ref: z.string(), toolchain: z.string(), toolchainReason: z.string(), imageBuilt: z.boolean() }),
});
export type GitRunView = z.infer<typeof GitRunView>;

export const ContainerView = z.object({
  id: z.string(),
  name: z.string(),
  /** Who owns it (sandbox/labels.ts): only a run's can be stopped by hand. */
  kind: z.enum(OWNER_KINDS),
  image: z.string(),
  state: z.string(),
  createdAt: z.string().nullable(),
  /** The owner's id: the validation's, the run's, the pool slot's. */
  runId: z.string().nullable(),
  proposalId: z.string().nullable(),
});
export type ContainerView = z.infer<typeof ContainerView>;

/** The first `limit` containers, newest first; `total` says how many there are (no cursor: the engine's list, read whole each time, kept small by the runs' bounds). */
export const ContainerListView = z.object({ containers: z.array(ContainerView), total: z.number().int() });
export type ContainerListView = z.infer<typeof ContainerListView>;

export const StoppedContainerView = z.object({ id: z.string(), name: z.string(), removed: z.boolean() });
export type StoppedContainerView = z.infer<typeof StoppedContainerView>;
