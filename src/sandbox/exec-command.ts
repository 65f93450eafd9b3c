/**
 * Runs one command in a running sandbox container and always returns a CommandResult.
 * Every run has a deadline and a byte cap, and may have a CPU budget. An exec cannot be killed
 * through the Engine API, and a client that merely stops reading leaves the producer running
 * (docs/sandbox.md P12), so when a limit is passed the caller's `stop` kills the processes for sure.
 *
 * The end of the command is read from the engine (exec inspect), not from the end of its output
 * stream: a background child holding stdout open keeps that stream going for seconds after the
 * command exited (P9, measured 2-4 s here), and those seconds must count neither toward the
 * deadline nor toward the output cap.
 *
 * Each engine call here (exec create, start, inspect) has its own deadline besides the command's
 * (engine-deadline.ts): an engine that stops answering ends the run, never stalls it.
 */
import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { type CommandResult, signalFromExitCode } from './command-result.js';
import { HeadTailBuffer } from './head-tail-buffer.js';
import type { TrailerSplitter } from './trailer-splitter.js';

export interface CpuBudget {
  readonly limitNanos: number;
  /** The container's CPU time (cgroup counter) when the command started. */
  readonly baseNanos: number;
  /** The container's CPU time now, or as lately as known; null when unknown. */
  readonly usedNanos: () => number | null;
}

export interface ExecOptions {
  readonly timeoutMs: number;
  /** Bytes of each stream kept for the record: three quarters from the head, the rest from the tail. */
  readonly keepBytes: number;
  /** Output (both streams together) past which the run is stopped. */
  readonly limitBytes: number;
  readonly cpu?: CpuBudget | undefined;
  /** Sees every chunk as it arrives, with its stream (progress for someone watching); what is kept is decided above. */
  readonly onOutput?: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
  readonly user?: string;
  readonly env?: readonly string[];
  readonly workdir?: string;
  /** The deadline of each engine call the run makes. */
  readonly engineTimeoutMs: number;
  /** Stops the run for sure; called at most once. */
  readonly stop: () => Promise<void>;
  /**
   * Bytes written on the command's stdin, which then ends (else it has none): one exec instead of
   * an exec and an archive upload (sandbox.ts prepareWorkspace).
   */
  readonly stdin?: Buffer | undefined;
  /**
   * Splits a wrapper's trailer off stdout (run-wrapper.ts). Its marker means the command ended:
   * no limit stops the run after it; the wrapper then has TRAILER_GRACE_MS to finish its trailer.
   */
  readonly trailer?: TrailerSplitter | undefined;
}

type StopReason = 'timeout' | 'cpu' | 'output';

/** How often the engine is asked whether the command still runs. */
const EXIT_POLL_MS = 250;
/** The CPU counter is read every this many polls. */
const CPU_POLL_EVERY = 2;
/** After the command exited, how long the rest of its own output may take to arrive. */
const DRAIN_MS = 500;
/** After a stop, how long the stream may take to end before it is cut. */
const STOP_GRACE_MS = 10_000;
/** At the deadline, how long a wrapped command's marker is waited for (it ended, and its wrapper is reaping). */
const MARKER_WAIT_MS = 500;
/** After a wrapper's marker, how long its trailer (the reaper's reading) may take: the reaper's own deadline. */
const TRAILER_GRACE_MS = 15_000;

export async function execCommand(container: Docker.Container, command: readonly string[], options: ExecOptions): Promise<CommandResult> {
  const started = Date.now();

  const call = <T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> =>
    withDeadline(what, options.engineTimeoutMs, run, { containerId: container.id, command: command[0] });
  let exec: Docker.Exec;
  let stream: NodeJS.ReadWriteStream;
  try {
    exec = await call('creating an exec', (abortSignal) => container.exec({
      Cmd: [...command],
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: options.stdin !== undefined,
      Tty: false,
      ...(options.user === undefined ? {} : { User: options.user }),
      ...(options.env === undefined ? {} : { Env: [...options.env] }),
      ...(options.workdir === undefined ? {} : { WorkingDir: options.workdir }),
      abortSignal,
    }));
    const created = exec;
    stream = await call('starting an exec', (abortSignal) => created.start({ hijack: true, stdin: options.stdin !== undefined, abortSignal }));
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('EXEC_FAILED', `could not start ${command[0] ?? 'command'} in the sandbox`, { command, containerId: container.id }, { cause });
  }
  const following = followExec(container, exec, stream, command, options, started);
  // Once followed (its errors are listened to): a command that exits without reading it all ends the run as usual.
  if (options.stdin !== undefined) stream.end(options.stdin);
  return following;
}

/**
 * Follows an exec that is already running (or was started earlier and told to go at `started`,
 * sandbox/prepared-run.ts) to its end, under the same deadline, caps and budget as execCommand.
 */
export async function followExec(
  container: Docker.Container,
  exec: Docker.Exec,
  stream: NodeJS.ReadWriteStream,
  command: readonly string[],
  options: ExecOptions,
  started: number,
): Promise<CommandResult> {
  const headCap = Math.floor((options.keepBytes * 3) / 4);
  const stdout = new HeadTailBuffer(headCap, options.keepBytes - headCap);
  const stderr = new HeadTailBuffer(headCap, options.keepBytes - headCap);
  const call = <T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> =>
    withDeadline(what, options.engineTimeoutMs, run, { containerId: container.id, command: command[0] });

  let stopReason: StopReason | null = null;
  let stopping: Promise<void> | null = null;
  let exitedAt: number | null = null;
  // Ends every wait below once the run is over, so no timer outlives it.
  const over = new AbortController();
  const delay = (ms: number) => sleep(ms, over.signal);
  let onStop = (): void => undefined;
  const stopRequested = new Promise<void>((resolve) => {
    onStop = resolve;
  });
  const stop = (reason: StopReason): void => {
    // Once the command has exited, whatever is left is the caller's to clean up, not a limit hit.
    if (stopReason !== null || exitedAt !== null) return;
    stopReason = reason;
    stopping = options.stop().catch(() => undefined);
    onStop();
  };

  const take = (buffer: HeadTailBuffer, name: 'stdout' | 'stderr', chunk: Buffer): void => {
    if (chunk.length === 0) return;
    buffer.push(chunk);
    options.onOutput?.(chunk, name);
    if (stdout.bytes + stderr.bytes > options.limitBytes) stop('output');
  };
  const trailer = options.trailer;
  // The wrapper's marker: the command ended then, whatever the engine says of the wrapper's exec.
  let onTrailer = (): void => undefined;
  const trailerOpened = new Promise<void>((resolve) => {
    onTrailer = resolve;
  });
  const fromStdout = (chunk: Buffer): Buffer => {
    if (trailer === undefined) return chunk;
    const before = trailer.markerSeen;
    const own = trailer.push(chunk);
    if (!before && trailer.markerSeen) {
      exitedAt ??= Date.now();
      onTrailer();
    }
    return own;
  };
  const sink = (buffer: HeadTailBuffer, name: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        take(buffer, name, name === 'stdout' ? fromStdout(chunk) : chunk);
        done();
      },
    });
  container.modem.demuxStream(stream, sink(stdout, 'stdout'), sink(stderr, 'stderr'));

  const streamEnded = new Promise<void>((resolve) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    // A broken connection ends the run; the exit code (or its absence) tells the rest.
    stream.on('error', () => resolve());
  });
  const inspect = () => call('inspecting an exec', (abortSignal) => exec.inspect({ abortSignal }));
  const exited = watchExit(inspect, over.signal, (tick) => {
    const cpu = options.cpu;
    if (cpu === undefined || tick % CPU_POLL_EVERY !== 0) return;
    const used = cpu.usedNanos();
    if (used !== null && used - cpu.baseNanos > cpu.limitNanos) stop('cpu');
  }).then(() => {
    exitedAt ??= Date.now();
  });

  // A command that exited just before its deadline, while a leftover still held the stream open,
  // did not time out: the engine is asked before the deadline is called.
  // A wrapped command that ended just then may still be in its wrapper's kill loop: its marker is
  // waited for a moment before the deadline is called.
  const timedOut = (): void => {
    if (trailer === undefined) return stop('timeout');
    void Promise.race([trailerOpened.then(() => true), delay(MARKER_WAIT_MS).then(() => false)]).then((opened) => {
      // The run may have ended meanwhile (the wait is cut short then): nothing to stop.
      if (!opened && !over.signal.aborted) stop('timeout');
    });
  };
  let deadlineAt: number | null = null;
  const timer = setTimeout(() => {
    deadlineAt = Date.now();
    inspect().then(
      (info) => {
        if (info.Running || typeof info.ExitCode !== 'number') timedOut();
      },
      () => timedOut(),
    );
  }, options.timeoutMs);
  try {
    await Promise.race([
      streamEnded,
      exited.then(() => Promise.race([streamEnded, delay(DRAIN_MS)])),
      stopRequested.then(() => Promise.race([streamEnded, delay(STOP_GRACE_MS)])),
      trailerOpened.then(() => Promise.race([streamEnded, delay(TRAILER_GRACE_MS)])),
    ]);
  } finally {
    over.abort();
    clearTimeout(timer);
  }
  // A run stopped at its deadline ran until the deadline: the stop's own time is not the command's.
  const durationMs = (exitedAt ?? (stopReason === 'timeout' ? deadlineAt : null) ?? Date.now()) - started;
  if (stopping !== null) await stopping;
  // Stop reading whatever a stray background process may still write.
  closeStream(stream);
  // Held back as the possible start of a marker that never came: the command's.
  if (trailer !== undefined) take(stdout, 'stdout', trailer.end());

  let exitCode: number | null = null;
  let neverStarted = false;
  try {
    const info = await inspect();
    exitCode = info.Running ? null : info.ExitCode;
    neverStarted = execNeverStarted(info);
  } catch {
    // The container is gone (killed for a limit): no exit code to read.
  }
  const reason: StopReason | null = stopReason;
  return {
    command,
    exitCode,
    signal: signalFromExitCode(exitCode),
    timedOut: reason === 'timeout',
    outputLimitExceeded: reason === 'output',
    outputTruncated: stdout.truncated || stderr.truncated,
    durationMs,
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutBytes: stdout.bytes,
    stderrBytes: stderr.bytes,
    ...(options.cpu === undefined ? {} : { cpuLimitExceeded: reason === 'cpu' }),
    ...(neverStarted ? { neverStarted } : {}),
  };
}

/**
 * Whether the engine made the exec but the runtime never started its process: the engine gave it
 * an exit code of its own (126, 127) and it never had a pid. An exec that ran keeps its pid after
 * it exits (the engine records the pid before it takes the exit), and one not started yet has no
 * exit code. Measured here: under a fork bomb runc's init dies at the full pids cgroup ("read
 * init-p: connection reset by peer") in some exec starts (4 of 66 in a probe under load,
 * docs/sandbox.md P3).
 */
export function execNeverStarted(info: Pick<Docker.ExecInspectInfo, 'Running' | 'ExitCode' | 'Pid'>): boolean {
  return !info.Running && typeof info.ExitCode === 'number' && info.Pid === 0;
}

/**
 * Resolves once the engine says the command exited. An exec that has not started yet also reads
 * as not running, but without an exit code; only an exit code means it ended.
 */
async function watchExit(inspect: () => Promise<Docker.ExecInspectInfo>, over: AbortSignal, onTick: (tick: number) => void): Promise<void> {
  for (let tick = 1; !over.aborted; tick++) {
    await sleep(EXIT_POLL_MS, over);
    if (over.aborted) break;
    try {
      const info = await inspect();
      if (!info.Running && typeof info.ExitCode === 'number') return;
    } catch {
      // The engine did not answer this time: the stream and the deadline still end the run.
    }
    onTick(tick);
  }
  // The run ended some other way: never report an exit.
  return new Promise<void>(() => undefined);
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
