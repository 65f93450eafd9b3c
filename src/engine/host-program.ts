/**
 * Runs one setup program (apt-get, debootstrap, ...) to completion: argument arrays only, never
 * a shell, output passed on line by line and its tail kept for error messages, bounded in time.
 */
import { spawn } from 'node:child_process';
import { childEnv } from './host.js';

export interface HostProgramOptions {
  readonly timeoutMs: number;
  /** Extra environment variables on top of childEnv(). */
  readonly env?: Readonly<Record<string, string>>;
  /** Each non-empty output line (stdout and stderr), as it comes. */
  readonly onLine?: (line: string) => void;
}

export interface HostProgramResult {
  /** Exit code, or null when killed by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  /** The last lines of combined output, for error messages. */
  readonly tail: string;
  readonly durationMs: number;
}

const TAIL_LINES = 40;
/** Time a program gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 5_000;

/** Resolves when the program ends, whatever its exit code; rejects only if it could not start. */
export function runHostProgram(file: string, args: readonly string[], options: HostProgramOptions): Promise<HostProgramResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;

    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
    }, options.timeoutMs);

    // Output arrives in chunks that may split lines; keep each stream's partial line apart.
    const lineSplitter = () => {
      let partial = '';
      return {
        push(chunk: Buffer) {
          const parts = (partial + chunk.toString('utf8')).split(/\r?\n|\r/);
          partial = parts.pop() ?? '';
          for (const line of parts) emit(line);
        },
        flush() {
          if (partial !== '') emit(partial);
          partial = '';
        },
      };
    };
    const emit = (line: string) => {
      if (line.trim() === '') return;
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      options.onLine?.(line);
    };
    const out = lineSplitter();
    const err = lineSplitter();
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));

    child.once('error', (error) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      out.flush();
      err.flush();
      resolve({ code, signal, timedOut, tail: tail.join('\n'), durationMs: Date.now() - started });
    });
  });
}

/** One line describing how a program ended, for error messages. */
export function describeEnd(result: HostProgramResult, timeoutMs: number): string {
  if (result.timedOut) return `did not finish within ${Math.round(timeoutMs / 1000)} s`;
  if (result.code !== null) return `exited with code ${result.code}`;
  return `was killed by ${result.signal ?? 'a signal'}`;
}
