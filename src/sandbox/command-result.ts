import type { RunUsage } from './run-usage.js';

/** The one shape every command run in a sandbox returns, whatever happened to it. */
export interface CommandResult {
  readonly command: readonly string[];
  /** null when the process never reported one (killed with the container, engine gone). */
  readonly exitCode: number | null;
  /** "SIGKILL" when the exit code says the process died of it (128 + 9), else null. */
  readonly signal: string | null;
  readonly timedOut: boolean;
  /** The run was stopped because it printed more than the output limit. */
  readonly outputLimitExceeded: boolean;
  /** Some output was dropped between the kept head and tail. */
  readonly outputTruncated: boolean;
  readonly durationMs: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: number;
  readonly stderrBytes: number;
  /** The run was stopped because the container used more CPU time than its budget. */
  readonly cpuLimitExceeded?: boolean;
  /** The engine made the exec but could not start its process (exec-command.ts execNeverStarted); absent otherwise. */
  readonly neverStarted?: boolean;
  /** Limits and leftovers, for commands run under Sandbox.runLimited (the proposal's own code). */
  readonly usage?: RunUsage;
}

const SIGNALS: Readonly<Record<number, string>> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/** Shells report death by signal N as exit code 128+N. */
export function signalFromExitCode(exitCode: number | null): string | null {
  if (exitCode === null || exitCode <= 128 || exitCode > 128 + 64) return null;
  return SIGNALS[exitCode - 128] ?? `SIG${exitCode - 128}`;
}
