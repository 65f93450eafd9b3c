/**
 * Runs one command in a running sandbox container and always returns a CommandResult.
 * Every run has a deadline and a byte cap. An exec cannot be killed through the Engine API, and
 * a client that merely stops reading leaves the producer running (SANDBOX.md P12), so when the
 * deadline or the output limit is passed the caller's `stop` kills the whole container.
 */
import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import { InfraError } from '../errors/infra-error.js';
import { type CommandResult, signalFromExitCode } from './command-result.js';
import { HeadTailBuffer } from './head-tail-buffer.js';

export interface RunOptions {
  readonly timeoutMs: number;
  /** Bytes of each stream kept for the record: three quarters from the head, the rest from the tail. */
  readonly keepBytes: number;
  /** Output (both streams together) past which the run is stopped. */
  readonly limitBytes: number;
  readonly user?: string;
  readonly env?: readonly string[];
  readonly workdir?: string;
  /** Stops the run for sure; called at most once. */
  readonly stop: () => Promise<void>;
}

type StopReason = 'timeout' | 'output';

export async function runCommand(container: Docker.Container, command: readonly string[], options: RunOptions): Promise<CommandResult> {
  const started = Date.now();
  const headCap = Math.floor((options.keepBytes * 3) / 4);
  const stdout = new HeadTailBuffer(headCap, options.keepBytes - headCap);
  const stderr = new HeadTailBuffer(headCap, options.keepBytes - headCap);

  let exec: Docker.Exec;
  let stream: NodeJS.ReadWriteStream;
  try {
    exec = await container.exec({
      Cmd: [...command],
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: false,
      Tty: false,
      ...(options.user === undefined ? {} : { User: options.user }),
      ...(options.env === undefined ? {} : { Env: [...options.env] }),
      ...(options.workdir === undefined ? {} : { WorkingDir: options.workdir }),
    });
    stream = await exec.start({ hijack: true, stdin: false });
  } catch (cause) {
    throw new InfraError('EXEC_FAILED', `could not start ${command[0] ?? 'command'} in the sandbox`, { command, containerId: container.id }, { cause });
  }

  let stopReason: StopReason | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (reason: StopReason): void => {
    if (stopReason !== null) return;
    stopReason = reason;
    stopping = options.stop().catch(() => undefined);
  };

  const sink = (buffer: HeadTailBuffer) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        buffer.push(chunk);
        if (stdout.bytes + stderr.bytes > options.limitBytes) stop('output');
        done();
      },
    });
  container.modem.demuxStream(stream, sink(stdout), sink(stderr));

  const timer = setTimeout(() => stop('timeout'), options.timeoutMs);
  try {
    await new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      // A broken connection ends the run; the exit code (or its absence) tells the rest.
      stream.on('error', () => resolve());
    });
  } finally {
    clearTimeout(timer);
  }
  if (stopping !== null) await stopping;
  // Stop reading whatever a stray background process may still write.
  if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();

  let exitCode: number | null = null;
  try {
    const info = await exec.inspect();
    exitCode = info.Running ? null : info.ExitCode;
  } catch {
    // The container is gone (killed for the deadline): no exit code to read.
  }
  const reason: StopReason | null = stopReason;
  return {
    command,
    exitCode,
    signal: signalFromExitCode(exitCode),
    timedOut: reason === 'timeout',
    outputLimitExceeded: reason === 'output',
    outputTruncated: stdout.truncated || stderr.truncated,
    durationMs: Date.now() - started,
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutBytes: stdout.bytes,
    stderrBytes: stderr.bytes,
  };
}
