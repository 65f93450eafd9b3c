/**
 * What one command run in the sandbox ran into, read after it ended from the container's own
 * cgroup counters and file systems (the kernel's word, not the command's).
 */

export interface FullMount {
  /** Where the mount is inside the container: the workspace or /tmp. */
  readonly path: string;
  readonly sizeBytes: number;
}

/** How the processes a command left behind were stopped. */
export type LeftoverStop = 'none-left' | 'killed' | 'container-killed';

export interface RunUsage {
  /** CPU time the container used while the command ran, in ns; null when it could not be read. */
  readonly cpuNanos: number | null;
  /** Processes the kernel killed for want of memory while the command ran. */
  readonly oomKills: number;
  /** Times the kernel refused a new process or thread because the pids limit was reached. */
  readonly forksRefused: number;
  /** Writable mounts that were (all but) full when the command ended. */
  readonly fullMounts: readonly FullMount[];
  /** Processes and threads of the command still alive when it ended (background, daemons, orphans). */
  readonly leftoverTasks: number;
  readonly leftoverStop: LeftoverStop;
}
