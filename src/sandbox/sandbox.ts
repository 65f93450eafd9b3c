/**
 * One validation's container and its workspace volume. `open` registers each resource with the
 * validation's releasers the moment it exists, so a failure half-way through set-up still
 * removes everything; `release` is idempotent.
 *
 * The proposal's own code runs through `runLimited`: when it ends (or is stopped for a limit),
 * everything it left running is killed before anything else happens in the container, and the
 * limits it ran into are read back from the kernel (reaper.ts): by the keeper's wrapper in the
 * same exec (run-wrapper.ts), else by the reaper's own exec (reaper-exec.ts). When that cannot be
 * done, the container is killed instead: nothing of the proposal ever runs unwatched.
 *
 * Every engine call made here has a deadline (engine-deadline.ts): a call the engine does not
 * answer ends as ENGINE_TIMEOUT, so a validation always ends and always gets to its releasers.
 *
 * Over 300 lines on purpose: one class owns one container's whole life (open, exec, download,
 * kill, release); split, the ownership of its resources would be spread over several files.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { closeStream, withDeadline } from '../engine/engine-deadline.js';
import { engineFailure } from '../engine/engine-error.js';
import { InfraError } from '../errors/infra-error.js';
import type { Releasers } from './releasers.js';
import { WORKSPACE } from './layout.js';
import { type CommandResult, signalFromExitCode } from './command-result.js';
import { EXEC_USER, hardenedContainerSpec, type SandboxLimits, WRITABLE_MOUNTS, workspaceVolumeSpec } from './hardened-spec.js';
import { openCpuWatch, watchDelayMs } from './cpu-watch.js';
import { type ArchiveLimits, type ArchiveRead, readArchive } from './read-archive.js';
import { type FolderSize, measureScript, parseMeasureOutput } from './report-folder.js';
import { type FileRead, fullMounts, RESTING_TASKS, type ReaperReport, type ReaperSteps } from './reaper.js';
import { oneShotStats, pidsFullNow, REAPER_TIMEOUT_MS, type ReaperExecOptions, runReaperExec } from './reaper-exec.js';
import { NO_STATS, parseStats, type ResourceStats } from './resource-stats.js';
import { execCommand } from './exec-command.js';
import { COMMAND_WRAPPER } from './command-wrapper.js';
import { readTrailer, TRAILER_MAX_BYTES, trailerMarker, WRAPPER_REFUSED, wrapperScript } from './run-wrapper.js';
import { TrailerSplitter } from './trailer-splitter.js';
import type { RunUsage } from './run-usage.js';

export interface OutputCaps {
  readonly keepBytes: number;
  readonly limitBytes: number;
}

export interface CommandLimits {
  readonly timeoutMs: number;
  /** CPU time the container may use while the command runs; null for none. */
  readonly cpuTimeMs: number | null;
  /** Sees the command's output as it arrives, with its stream (progress events, a job's live log); optional. */
  readonly onOutput?: ((chunk: Buffer, stream: 'stdout' | 'stderr') => void) | undefined;
  /** A workspace folder to measure once the command's processes are gone (see `measuredAfter`). */
  readonly measureAfter?: string | undefined;
  /** A script of ours run once the command's processes are gone, in the reaper's exec (see `afterSucceeded`). */
  readonly afterStop?: string | undefined;
}

export interface SandboxSpec {
  readonly image: string;
  readonly name: string;
  readonly limits: SandboxLimits;
  readonly caps: OutputCaps;
  readonly labels: Record<string, string>;
  /** The deadline of each engine call (create, start, exec, archive, kill, remove, ...). */
  readonly engineTimeoutMs: number;
}

/** See Sandbox.prepareWorkspace. */
export interface WorkspaceSteps {
  /** Our script run first (copying the project in, deleting files), and what it does, for its error. */
  readonly script?: { readonly text: string; readonly what: string } | undefined;
  /** Our own archive (change-archive.ts) for the exec's stdin, and the script extracting it (change-extraction.ts). */
  readonly changes?: { readonly archive: Buffer; readonly script: string } | undefined;
  /** A file of the image read back in the same exec (the dependency record). */
  readonly readFile?: string | undefined;
  /** The deadline of the steps (the reaper's own is the floor). */
  readonly timeoutMs: number;
}

export class Sandbox {
  private killed = false;
  private removed = false;
  /** The cgroup counters as the last command left them: each command is charged its own share. */
  private counted = { forksRefused: 0, oomKills: 0 };
  /**
   * Set when the engine's stats showed the pids at the limit while the reaper could not read the
   * counters (its exec could not start, or the container had to be killed): the evidence left.
   */
  private pidsFullSeen = false;
  /** What the reaper read when it was called to stop a command but could not kill everything. */
  private failedStop: ReaperReport | null = null;
  /** The last reaper reading: the stats and the measured folder come from it, with no call of their own. */
  private lastReport: { report: ReaperReport; measured: string | undefined } | null = null;
  /**
   * Whether anything ran in the container since the last reading. While nothing did, that reading
   * is where the counters still stand, so the next command needs no reading before it starts.
   */
  private ranSinceReading = true;
  /** Whether the last reading found the keeper's command wrapper in place (command-wrapper.ts). */
  private wrapperReady = false;

  private constructor(
    /** By name until the engine has answered the create, then by id. */
    private handle: Docker.Container,
    private readonly caps: OutputCaps,
    private readonly engineTimeoutMs: number,
    /** The container's CPU cap: what bounds how fast a command can spend its CPU budget. */
    private readonly cpus: number,
  ) {}

  get container(): Docker.Container {
    return this.handle;
  }

  get id(): string {
    return this.handle.id;
  }

  get alive(): boolean {
    return !this.killed;
  }

  static async open(docker: Docker, spec: SandboxSpec, releasers: Releasers): Promise<Sandbox> {
    const { image, name, limits, labels, engineTimeoutMs } = spec;
    const volumeName = `${name}-ws`;
    // Each is registered before it is asked for: a create the engine carried out but never
    // answered leaves it under its name, and the release removes it by name (404: never made).
    // The volume first: released after the container (LIFO), once nothing uses it.
    releasers.add(`volume ${volumeName}`, () => removeVolume(docker, volumeName, engineTimeoutMs));
    try {
      await withDeadline('creating the workspace volume', engineTimeoutMs, (abortSignal) => docker.createVolume({ ...workspaceVolumeSpec(volumeName, limits, labels), abortSignal }), { volume: volumeName });
    } catch (cause) {
      throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', `could not create the workspace volume ${volumeName}`, { volume: volumeName }, { cause }));
    }
    const sandbox = new Sandbox(docker.getContainer(name), spec.caps, engineTimeoutMs, limits.cpus);
    releasers.add(`container ${name}`, () => sandbox.release());
    let container: Docker.Container;
    try {
      container = await withDeadline('creating the sandbox container', engineTimeoutMs, (abortSignal) =>
        docker.createContainer({ name, ...hardenedContainerSpec(image, volumeName, limits, labels), abortSignal }),
      );
    } catch (cause) {
      throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', `could not create the sandbox container from ${image}`, { image, name }, { cause }));
    }
    sandbox.handle = container;
    try {
      await sandbox.call('starting the sandbox container', (abortSignal) => container.start({ abortSignal }));
    } catch (cause) {
      throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', `could not start the sandbox container`, { containerId: container.id }, { cause }));
    }
    return sandbox;
  }

  /** One engine call on this container, under its deadline. */
  private call<T>(what: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return withDeadline(what, this.engineTimeoutMs, run, { containerId: this.id });
  }

  /** A command of patchproof's own (copying the project, deleting files); a limit kills the container. */
  run(command: readonly string[], timeoutMs: number, options: { env?: readonly string[] } = {}): Promise<CommandResult> {
    this.ranSinceReading = true;
    return execCommand(this.container, command, {
      timeoutMs,
      keepBytes: this.caps.keepBytes,
      limitBytes: this.caps.limitBytes,
      workdir: WORKSPACE,
      user: EXEC_USER,
      engineTimeoutMs: this.engineTimeoutMs,
      ...(options.env === undefined ? {} : { env: options.env }),
      stop: () => this.kill(),
    });
  }

  /**
   * A command that runs the proposal's code (build, tests). Returns with `usage` filled in: by
   * then nothing it started runs any more.
   */
  async runLimited(command: readonly string[], limits: CommandLimits): Promise<CommandResult> {
    // Nothing of the proposal runs yet: this only reads where the counters stand (the last
    // reading, when nothing ran since: a warm sandbox was read when it was made ready).
    const before = await this.settleBefore();
    // Through the keeper's wrapper when it is there: the reading after comes in the same exec.
    const nonce = randomBytes(16).toString('hex');
    const wrapped = this.wrapperReady && command.length > 0;
    const splitter = wrapped ? new TrailerSplitter(trailerMarker(nonce), TRAILER_MAX_BYTES) : undefined;
    const script = wrapperScript(WRITABLE_MOUNTS, { measure: limits.measureAfter, after: limits.afterStop, command: 'argv' });
    const argv = wrapped ? [COMMAND_WRAPPER, '-c', script, 'wrapper', ...command] : command;
    const watch = limits.cpuTimeMs === null || before.cpuNanos === null ? null : await openCpuWatch(this.container, this.engineTimeoutMs, watchDelayMs(limits.cpuTimeMs, this.cpus));
    let result: CommandResult;
    try {
      this.ranSinceReading = true;
      result = await execCommand(this.container, argv, {
        timeoutMs: limits.timeoutMs,
        keepBytes: this.caps.keepBytes,
        limitBytes: this.caps.limitBytes,
        workdir: WORKSPACE,
        user: EXEC_USER,
        engineTimeoutMs: this.engineTimeoutMs,
        cpu:
          watch === null || limits.cpuTimeMs === null || before.cpuNanos === null
            ? undefined
            : { limitNanos: limits.cpuTimeMs * 1e6, baseNanos: before.cpuNanos, usedNanos: () => watch.latest() },
        stop: () => this.stopProcesses(),
        onOutput: limits.onOutput,
        stdin: wrapped ? Buffer.from(`${nonce}\n`, 'utf8') : undefined,
        trailer: splitter,
      });
    } finally {
      watch?.close();
    }
    const trailer = splitter === undefined ? null : readTrailer(splitter.text(), nonce);
    // 97: the wrapper refused before the command ran (it could not read the nonce or the command).
    if (splitter !== undefined && !splitter.markerSeen && result.exitCode === WRAPPER_REFUSED) {
      await this.settle(limits.measureAfter, limits.afterStop);
      throw new InfraError('EXEC_FAILED', `the command wrapper did not start ${command[0] ?? 'the command'}`, { command, containerId: this.id });
    }
    const after = await this.settleAfter(trailer?.report ?? null, limits.measureAfter, limits.afterStop);
    const cpuNanos = before.cpuNanos === null || after.cpuNanos === null ? null : after.cpuNanos - before.cpuNanos;
    const exitCode = trailer?.exitCode ?? result.exitCode;
    return { ...result, command, exitCode, signal: signalFromExitCode(exitCode), usage: { ...after.usage, cpuNanos } };
  }

  /**
   * Where the counters stand before a command of the proposal. Nothing of it runs yet: this only
   * reads them (the last reading, when nothing ran since: a warm sandbox was read when it was made ready).
   */
  async settleBefore(): Promise<{ usage: Omit<RunUsage, 'cpuNanos'>; cpuNanos: number | null }> {
    return (this.ranSinceReading ? null : this.settled(this.lastReport?.report ?? null)) ?? (await this.settle());
  }

  /**
   * After a command run by a wrapper that reaped in the same exec (runLimited, prepared-run.ts):
   * its reading is charged as the reaper's own would be; without one (the wrapper was stopped or
   * killed, or left something alive) the reaper runs now, as after a command run without one.
   */
  async settleAfter(report: ReaperReport | null, measure?: string, after?: string): Promise<{ usage: Omit<RunUsage, 'cpuNanos'>; cpuNanos: number | null }> {
    this.ranSinceReading = true;
    if (report !== null && !this.killed) {
      const settled = this.settled(report);
      if (settled !== null) {
        this.noteReading(report, measure);
        return settled;
      }
    }
    return this.settle(measure, after);
  }

  /** A reading that killed everything: where the counters stand until something runs again. */
  private noteReading(report: ReaperReport, measured: string | undefined): void {
    this.lastReport = { report, measured };
    this.ranSinceReading = report.tasksAfter > RESTING_TASKS;
    // Only from a reading that killed everything: nothing else could have written that line.
    this.wrapperReady = report.wrapper && !this.ranSinceReading;
  }

  /** Kills every process of the proposal, keeping the container when it can (a command's `stop`). */
  stopCommand(): Promise<void> {
    return this.stopProcesses();
  }

  /** Kills every process of the proposal, keeping the container (and its workspace) when it can. */
  private async stopProcesses(): Promise<void> {
    if (this.killed) return;
    // A wrapper reaping after its command (which ended just as the limit was hit) may kill this
    // reaper as this reaper kills it: once more, before the container is killed for it.
    const report = (await this.reap()) ?? (this.killed ? null : await this.reap());
    if (report !== null && report.tasksAfter <= RESTING_TASKS) return;
    this.failedStop = report;
    await this.killForGood();
  }

  /**
   * Leftovers killed; what the counters moved by since the last time, and the mounts found full.
   * When the reaper cannot do it, the container is killed and only the engine's evidence is left.
   */
  private async settle(measure?: string, after?: string): Promise<{ usage: Omit<RunUsage, 'cpuNanos'>; cpuNanos: number | null }> {
    const report = this.killed ? null : await this.reap(measure, { after });
    const settled = this.settled(report);
    if (settled !== null) return settled;
    if (!this.killed) await this.killForGood();
    // The counters as the last reaper read them before the kill, else the engine's word.
    const read = this.failedStop ?? report;
    const usage = {
      oomKills: Math.max((await this.inspectOomKilled()) ? 1 : 0, (read?.oomKills ?? 0) - this.counted.oomKills),
      forksRefused: Math.max(this.pidsFullSeen ? 1 : 0, (read?.forksRefused ?? 0) - this.counted.forksRefused),
      fullMounts: read === null ? [] : fullMounts(read.mounts),
      leftoverTasks: read === null ? 0 : read.tasksBefore - RESTING_TASKS,
      leftoverStop: 'container-killed' as const,
    };
    return { usage, cpuNanos: null };
  }

  /** What the counters moved by since they were last charged, from a reading that killed everything; else null. */
  private settled(report: ReaperReport | null): { usage: Omit<RunUsage, 'cpuNanos'>; cpuNanos: number | null } | null {
    if (report === null || report.tasksAfter > RESTING_TASKS) return null;
    const leftoverTasks = report.tasksBefore - RESTING_TASKS;
    const usage = {
      oomKills: Math.max(0, report.oomKills - this.counted.oomKills),
      forksRefused: Math.max(0, report.forksRefused - this.counted.forksRefused),
      fullMounts: fullMounts(report.mounts),
      leftoverTasks,
      leftoverStop: leftoverTasks > 0 ? ('killed' as const) : ('none-left' as const),
    };
    this.counted = { forksRefused: report.forksRefused, oomKills: report.oomKills };
    return { usage, cpuNanos: report.cpuNanos };
  }

  /**
   * Reads the counters with nothing of the proposal running, so the next command needs no reading
   * of its own first: what a warm pool does before it hands a sandbox out. False when it could not.
   */
  async readCounters(): Promise<boolean> {
    // A new container's keeper may still be making the wrapper (its processes would count as tasks).
    return (await this.reap(undefined, { awaitWrapper: true })) !== null;
  }

  /**
   * Our own work on a workspace nothing of the proposal ran in yet, done in the reaper's exec with
   * the counters read after it, so the first command needs no reading of its own: the project
   * copy and deletions (`script`), then the changes' archive sent on the exec's stdin and
   * extracted as the sandbox user (change-extraction.ts), and a file of the image read back. Each
   * failure is an InfraError naming its step with what it printed: the script's EXEC_FAILED
   * (the exec's exit 3), the extraction's ARCHIVE_FAILED (exit 4), an unreadable reading
   * EXEC_FAILED; an engine failure stays the engine's (ENGINE_TIMEOUT naming the call).
   */
  async prepareWorkspace(steps: WorkspaceSteps): Promise<{ readonly file: FileRead | undefined }> {
    this.ranSinceReading = true;
    const what = steps.script?.what ?? (steps.changes === undefined ? 'reading the image' : 'extracting the changes');
    const { result, report } = await this.reapExec(
      undefined,
      { before: steps.script?.text, input: steps.changes?.script, readFile: steps.readFile, awaitWrapper: true },
      { timeoutMs: Math.max(REAPER_TIMEOUT_MS, steps.timeoutMs), stdin: steps.changes?.archive },
    );
    if (report !== null) return { file: report.file };
    // The end of what it printed: where a failing step says why.
    const said = result.stderr.trim().slice(-500);
    const how = `exit code ${result.exitCode ?? 'none'}${result.timedOut ? ', timed out' : ''}${result.outputLimitExceeded ? ', too much output' : ''}`;
    if (result.exitCode === 3) throw new InfraError('EXEC_FAILED', `${what} failed: ${said}`, { what, containerId: this.id });
    if (result.exitCode === 4) throw new InfraError('ARCHIVE_FAILED', `extracting the changes into the workspace failed: ${said}`, { containerId: this.id, path: WORKSPACE });
    throw new InfraError('EXEC_FAILED', `${what} failed, or the sandbox counters could not be read after it (${how}): ${said}`, { what, containerId: this.id });
  }

  /** Whether the last command's `afterStop` script ran and exited 0, with nothing run since. */
  afterSucceeded(): boolean {
    return this.lastReport !== null && !this.ranSinceReading && this.lastReport.report.afterExit === 0;
  }

  /** The folder size the reaper measured after the last command, when it was asked to measure `path`. */
  measuredAfter(path: string): FolderSize | null {
    const last = this.lastReport;
    return last !== null && last.measured === path && !this.ranSinceReading ? last.report.folder : null;
  }

  /** Runs the reaper script; null when it could not run or said something unreadable. */
  private async reap(measure?: string, steps: ReaperSteps = {}): Promise<ReaperReport | null> {
    try {
      return (await this.reapExec(measure, steps, { timeoutMs: REAPER_TIMEOUT_MS })).report;
    } catch {
      return null;
    }
  }

  /** The reaper's exec (reaper-exec.ts) and what it said, noted as the last reading; throws as the engine failed it. */
  private async reapExec(measure: string | undefined, steps: ReaperSteps, exec: ReaperExecOptions): Promise<{ result: CommandResult; report: ReaperReport | null }> {
    const { result, report, pidsFull } = await runReaperExec({ container: this.container, engineTimeoutMs: this.engineTimeoutMs, kill: () => this.kill(), alive: () => !this.killed }, measure, steps, exec);
    this.pidsFullSeen = pidsFull;
    if (report === null) {
      this.lastReport = null;
      this.ranSinceReading = true;
    } else this.noteReading(report, measure);
    return { result, report };
  }

  /** Kills the container, first noting whether its pids were exhausted (the engine still knows). */
  private async killForGood(): Promise<void> {
    await this.notePidsFull();
    await this.kill();
  }

  /** pids at the limit in the engine's stats now: forks were being refused (no answer is no evidence). */
  private async notePidsFull(): Promise<void> {
    if (await pidsFullNow(this.container, this.engineTimeoutMs)) this.pidsFullSeen = true;
  }

  /** Extracts a tar archive into the workspace (a volume, so the engine may write there). */
  async upload(archive: Buffer, path = WORKSPACE): Promise<void> {
    // The engine extracts it, not a process of the container: the counters do not move.
    try {
      await this.call('uploading the changes', async (abortSignal) => closeStream(await this.container.putArchive(archive, { path, abortSignal })));
    } catch (cause) {
      throw timeoutOr(cause, new InfraError('ARCHIVE_FAILED', `could not upload the changes into the sandbox`, { containerId: this.id, path }, { cause }));
    }
  }

  /**
   * How many entries and bytes a workspace folder holds, counted inside the container as the
   * sandbox user (only while nothing of the proposal runs); null when that could not be read.
   */
  async measure(path: string, timeoutMs: number): Promise<FolderSize | null> {
    const result = await this.run(['sh', '-c', measureScript(path)], timeoutMs);
    return parseMeasureOutput(result.stdout, result.exitCode);
  }

  /**
   * The regular files under a workspace folder (an empty map when it does not exist), or how far
   * the read got when the folder turned out larger than `limits`. From the reaper's archive when it
   * measured this folder after the last command and found it small (no engine call); else
   * through the engine's archive. The archive stream is closed
   * whichever way the read ends, and the whole read has the engine deadline.
   */
  async download(path: string, limits: ArchiveLimits): Promise<ArchiveRead> {
    // Archived by the reaper's exec after the last command, when it measured this folder small.
    const last = this.lastReport;
    if (last !== null && last.measured === path && !this.ranSinceReading && last.report.archive !== null) {
      return readArchive(Readable.from([last.report.archive]), limits);
    }
    try {
      return await this.call(`reading ${path}`, async (abortSignal) => {
        let stream: NodeJS.ReadableStream;
        try {
          stream = await this.container.getArchive({ path, abortSignal });
        } catch (cause) {
          if (engineFailure(cause) === 'missing') return { kind: 'read', files: new Map() };
          throw cause;
        }
        try {
          return await readArchive(stream, limits);
        } finally {
          closeStream(stream);
        }
      });
    } catch (cause) {
      throw timeoutOr(cause, new InfraError('ARCHIVE_FAILED', `could not read ${path} from the sandbox`, { containerId: this.id, path }, { cause }));
    }
  }

  /** From the last reaper reading when there is one (no engine call); else the engine's one-shot stats. */
  async stats(): Promise<ResourceStats> {
    if (this.killed) return NO_STATS;
    const last = this.lastReport?.report;
    if (last !== undefined) return { cpuNanos: last.cpuNanos, peakMemoryBytes: last.peakMemoryBytes, ioReadBytes: last.ioReadBytes, ioWriteBytes: last.ioWriteBytes };
    try {
      return parseStats(await oneShotStats(this.container, this.engineTimeoutMs));
    } catch {
      return NO_STATS;
    }
  }

  /**
   * Only the main process's OOM kill shows here; one inside an exec leaves State.OOMKilled false
   * (docs/sandbox.md P4), which is why the cgroup counter (reaper.ts) comes first.
   */
  private async inspectOomKilled(): Promise<boolean> {
    try {
      return (await this.call('inspecting the container', (abortSignal) => this.container.inspect({ abortSignal }))).State.OOMKilled;
    } catch {
      return false;
    }
  }

  /** The sure way to stop everything running inside. */
  async kill(): Promise<void> {
    if (this.killed) return;
    this.killed = true;
    try {
      await this.call('killing the container', (abortSignal) => this.container.kill({ signal: 'SIGKILL', abortSignal }));
    } catch (cause) {
      const failure = engineFailure(cause);
      // A conflict: already stopped; missing: already gone. Both mean nothing runs any more.
      if (failure !== 'conflict' && failure !== 'missing') throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', 'could not kill the sandbox container', { containerId: this.id }, { cause }));
    }
  }

  async release(): Promise<void> {
    if (this.removed) return;
    try {
      await this.call('removing the container', (abortSignal) => this.container.remove({ force: true, v: true, abortSignal }));
    } catch (cause) {
      if (engineFailure(cause) !== 'missing') throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', 'could not remove the sandbox container', { containerId: this.id }, { cause }));
    }
    this.removed = true;
    this.killed = true;
  }
}

async function removeVolume(docker: Docker, name: string, timeoutMs: number): Promise<void> {
  try {
    await withDeadline('removing the workspace volume', timeoutMs, (abortSignal) => docker.getVolume(name).remove({ force: true, abortSignal }), { volume: name });
  } catch (cause) {
    if (engineFailure(cause) !== 'missing') throw timeoutOr(cause, new InfraError('CONTAINER_FAILED', `could not remove volume ${name}`, { volume: name }, { cause }));
  }
}

/** A deadline passed keeps its own code (ENGINE_TIMEOUT, naming the call); anything else becomes `error`. */
function timeoutOr(cause: unknown, error: InfraError): InfraError {
  return engineFailure(cause) === 'timeout' && cause instanceof InfraError ? cause : error;
}

/** Kept for the callers that read it here; engine failures are classified in engine/engine-error.ts. */
export { statusCode } from '../engine/engine-error.js';
