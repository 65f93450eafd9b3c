/**
 * A warm sandbox's first command, prepared while it waits in the pool so a run pays for no exec
 * start, no putArchive and no reaper exec of its own (each a round trip to the engine and a
 * process started by runc; measured here: putArchive 55-80 ms, the reaper's exec about 55 ms).
 * Two execs are started ahead and wait on their stdin:
 *  - the receiver (root, no capabilities) extracts the run's files from a tar sent on its stdin,
 *    root-owned and read-only to the code, as putArchive would (run-wrapper.ts receiverScript);
 *  - the wrapper (the sandbox user) is told to go with a nonce and the command, runs it, kills
 *    what it left and reads the counters in the same exec, and ends its output with a trailer
 *    only it can write (run-wrapper.ts). A missing trailer falls back to the reaper's own exec.
 * The command is followed like any other (exec-command.ts followExec): same deadline, output cap,
 * CPU budget and stop. Used once; `close` ends both streams (the sandbox's release removes the rest).
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { InfraError } from '../errors/infra-error.js';
import { type CommandResult, signalFromExitCode } from './command-result.js';
import { CpuWatch } from './cpu-watch.js';
import { followExec } from './exec-command.js';
import { EXEC_USER, WRITABLE_MOUNTS } from './hardened-spec.js';
import { WORKSPACE } from './layout.js';
import { goLines, readTrailer, receiverScript, TRAILER_MAX_BYTES, trailerMarker, WRAPPER_SHELL, wrapperScript } from './run-wrapper.js';
import { TrailerSplitter } from './trailer-splitter.js';
import type { CommandLimits, OutputCaps, Sandbox } from './sandbox.js';

const ROOT = '0:0';

interface Started {
  readonly exec: Docker.Exec;
  readonly stream: NodeJS.ReadWriteStream;
  /** Whether the stream ended or broke: the exec is gone. */
  ended: boolean;
  /** What it printed so far (the receiver's only: the wrapper's goes to followExec). */
  output: string;
}

export interface PreparedRunOptions {
  readonly caps: OutputCaps;
  readonly engineTimeoutMs: number;
}

export class PreparedRun {
  private receiverUsed = false;
  private wrapperUsed = false;

  private constructor(
    private readonly sandbox: Sandbox,
    private readonly receiver: Started,
    private readonly wrapper: Started,
    private readonly options: PreparedRunOptions,
  ) {}

  /** Starts both execs; nothing of the code runs yet. Closes what it started when it fails. */
  static async prepare(sandbox: Sandbox, options: PreparedRunOptions): Promise<PreparedRun> {
    const container = sandbox.container;
    const receiver = await start(container, ['sh', '-c', receiverScript()], ROOT, options.engineTimeoutMs);
    try {
      await readyLine(container, receiver, options.engineTimeoutMs);
      const wrapper = await start(container, [WRAPPER_SHELL, '-c', wrapperScript(WRITABLE_MOUNTS), 'wrapper'], EXEC_USER, options.engineTimeoutMs);
      return new PreparedRun(sandbox, receiver, wrapper, options);
    } catch (error) {
      closeStream(receiver.stream);
      throw error;
    }
  }

  /** Whether the files can still go in through the receiver (else: the sandbox's upload). */
  get canUpload(): boolean {
    return !this.receiverUsed && !this.receiver.ended;
  }

  /** Whether `command` can run through the wrapper (once, after the files went in, with no watcher of its output). */
  canRun(command: readonly string[], limits: CommandLimits): boolean {
    return this.receiverUsed && !this.wrapperUsed && !this.wrapper.ended && this.sandbox.alive && limits.onOutput === undefined && limits.measureAfter === undefined && goLines('0', command) !== null;
  }

  /** Extracts the tar into the workspace, root-owned; throws ARCHIVE_FAILED when the receiver did not. */
  async upload(archive: Buffer): Promise<void> {
    this.receiverUsed = true;
    const receiver = this.receiver;
    try {
      receiver.stream.end(archive);
      await withDeadline('uploading the code', this.options.engineTimeoutMs, () => untilOutput(receiver, 'done\n'));
    } catch (cause) {
      throw cause instanceof InfraError ? cause : new InfraError('ARCHIVE_FAILED', 'could not put the code into the sandbox', { containerId: this.sandbox.id, path: WORKSPACE }, { cause });
    } finally {
      closeStream(receiver.stream);
    }
  }

  /**
   * Runs `command` through the wrapper, like Sandbox.runLimited: returns with `usage` filled in,
   * and by then nothing it started runs any more.
   */
  async run(command: readonly string[], limits: CommandLimits): Promise<CommandResult> {
    this.wrapperUsed = true;
    const nonce = randomBytes(16).toString('hex');
    const go = goLines(nonce, command);
    const splitter = new TrailerSplitter(trailerMarker(nonce), TRAILER_MAX_BYTES);
    if (go === null) throw new InfraError('EXEC_FAILED', 'the command cannot be sent to the wrapper', { command });
    const before = await this.sandbox.settleBefore();
    const container = this.sandbox.container;
    const watch = limits.cpuTimeMs === null || before.cpuNanos === null ? null : await CpuWatch.open(container, this.options.engineTimeoutMs);
    let raw: CommandResult;
    try {
      const { exec, stream } = this.wrapper;
      const following = followExec(
        container,
        exec,
        stream,
        command,
        {
          timeoutMs: limits.timeoutMs,
          keepBytes: this.options.caps.keepBytes,
          limitBytes: this.options.caps.limitBytes,
          trailer: splitter,
          engineTimeoutMs: this.options.engineTimeoutMs,
          cpu: watch === null || limits.cpuTimeMs === null || before.cpuNanos === null ? undefined : { limitNanos: limits.cpuTimeMs * 1e6, baseNanos: before.cpuNanos, usedNanos: () => watch.latest() },
          stop: () => this.sandbox.stopCommand(),
        },
        Date.now(),
      );
      stream.write(go);
      raw = await following;
    } finally {
      watch?.close();
    }
    const trailer = readTrailer(splitter.text(), nonce);
    const after = await this.sandbox.settleAfter(trailer.report);
    const cpuNanos = before.cpuNanos === null || after.cpuNanos === null ? null : after.cpuNanos - before.cpuNanos;
    const exitCode = trailer.exitCode ?? raw.exitCode;
    return {
      ...raw,
      exitCode,
      signal: signalFromExitCode(exitCode),
      usage: { ...after.usage, cpuNanos },
    };
  }

  /** Idempotent: ends both streams (what still runs inside goes with the container). */
  close(): void {
    closeStream(this.receiver.stream);
    closeStream(this.wrapper.stream);
  }
}

/** An exec created and started now, its stdin open and its output not read yet. */
async function start(container: Docker.Container, command: readonly string[], user: string, engineTimeoutMs: number): Promise<Started> {
  const call = <T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> => withDeadline(what, engineTimeoutMs, run, { containerId: container.id, command: command[0] });
  try {
    const exec = await call('creating an exec', (abortSignal) =>
      container.exec({ Cmd: [...command], AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: false, User: user, WorkingDir: WORKSPACE, abortSignal }),
    );
    const stream = await call('starting an exec', (abortSignal) => exec.start({ hijack: true, stdin: true, abortSignal }));
    const started: Started = { exec, stream, ended: false, output: '' };
    const ended = () => {
      started.ended = true;
    };
    stream.on('end', ended);
    stream.on('close', ended);
    stream.on('error', ended);
    return started;
  } catch (cause) {
    if (cause instanceof InfraError) throw cause;
    throw new InfraError('EXEC_FAILED', `could not prepare ${command[0] ?? 'command'} in the sandbox`, { command, containerId: container.id }, { cause });
  }
}

/** Reads the receiver's output (a few bytes) until its `ready`: the wrapper's shell is in place. */
async function readyLine(container: Docker.Container, receiver: Started, engineTimeoutMs: number): Promise<void> {
  const sink = () => new Writable({
    write(chunk: Buffer, _encoding, done) {
      // Only what tells the receiver's state is kept: its `ready`, `done` and an error from tar.
      if (receiver.output.length < 4096) receiver.output += chunk.toString('utf8');
      done();
    },
  });
  container.modem.demuxStream(receiver.stream, sink(), sink());
  try {
    await withDeadline('preparing the run', engineTimeoutMs, () => untilOutput(receiver, 'ready\n'));
  } catch (cause) {
    throw cause instanceof InfraError ? cause : new InfraError('EXEC_FAILED', "the sandbox's receiver did not get ready", { containerId: container.id }, { cause });
  }
}

/** Resolves once the receiver printed `line`; fails when its exec ended without (a failed tar, a broken stream). */
async function untilOutput(receiver: Started, line: string): Promise<void> {
  while (!receiver.output.includes(line)) {
    if (receiver.ended) throw new Error(`the receiver ended without "${line.trim()}": ${receiver.output.slice(0, 500)}`);
    await new Promise<void>((resolve) => {
      const done = () => {
        receiver.stream.off('data', done).off('end', done).off('close', done);
        resolve();
      };
      receiver.stream.on('data', done).on('end', done).on('close', done);
    });
  }
}
