/**
 * One command in an allow-listed image (PATCHPROOF_RUN_IMAGES), in the sandbox a validation
 * gets (network none, non-root, no capabilities, read-only root, memory, CPU, pids, workspace
 * and output limits, a deadline, leftovers reaped), with files uploaded into its workspace
 * first when given. Limits are the configured ones, lowered where the request asks: never raised.
 * Everything is released in a finally; the result says which limit the command ran into.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { withDeadline } from '../../engine/engine-deadline.js';
import type { Change } from '../../changes/change.js';
import { InfraError } from '../../errors/infra-error.js';
import { InputError } from '../../errors/input-error.js';
import { copyProject } from '../../sandbox/project-copy.js';
import { limitHit } from '../../pipeline/limit-hit.js';
import { Releasers } from '../../sandbox/releasers.js';
import { askedOverrides } from '../../pipeline/request-overrides.js';
import type { RequestOverrides } from '../../pipeline/settings.js';
import { changeArchive, uploadProblem } from '../../sandbox/change-archive.js';
import type { CommandResult } from '../../sandbox/command-result.js';
import { runLabels } from '../../sandbox/run-labels.js';
import { engineFailure } from '../../engine/engine-error.js';
import { Sandbox } from '../../sandbox/sandbox.js';
import type { AppContext } from '../context.js';
import { registerRun } from '../run-registry.js';
import type { RunResultView } from '../views/run-view.js';

export interface ExecuteRun {
  readonly image: string;
  readonly command: readonly string[];
  /** Written into the workspace (the command's working folder) before it runs. */
  readonly files?: readonly Change[] | undefined;
  readonly overrides?: RequestOverrides | undefined;
  readonly signal?: AbortSignal | undefined;
}

const MIB = 1024 * 1024;

export async function executeRun(ctx: AppContext, input: ExecuteRun): Promise<RunResultView> {
  const allowed = ctx.config.PATCHPROOF_RUN_IMAGES;
  if (!allowed.includes(input.image)) {
    const list = allowed.length === 0 ? 'none (PATCHPROOF_RUN_IMAGES is empty)' : allowed.join(', ');
    throw new InputError(`image "${input.image}" is not one the server allows; allowed: ${list}`, { image: input.image }, { field: 'image' });
  }
  return runInSandbox(ctx, input);
}

export interface SandboxRun extends ExecuteRun {
  /** Copy the project baked into the image (an image of ours) into the workspace first. */
  readonly copyProject?: boolean | undefined;
}

/** The run itself, in an image the caller has already vetted (allow-listed, or built by us). */
export async function runInSandbox(ctx: AppContext, input: SandboxRun): Promise<RunResultView> {
  if (input.command.length === 0 || input.command[0] === '') throw new InputError('the command is empty: give the program and its arguments, e.g. ["sh", "-c", "..."]', {}, { field: 'command' });
  const settings = await ctx.settings(askedOverrides(input.overrides ?? {}));
  const files = input.files ?? [];
  const problem = uploadProblem(files, settings.upload) ?? roomProblem(files, settings.limits.workspaceBytes);
  if (problem !== null) throw new InputError(`files: ${problem}`, {}, { field: 'files', code: 'too_large' });
  const docker = await ctx.engine();
  try {
    await docker.getImage(input.image).inspect();
  } catch (cause) {
    if (engineFailure(cause) === 'missing') throw new InputError(`image "${input.image}" is allowed but not on the engine (pull or build it there first)`, { image: input.image }, { cause, code: 'not_found', field: 'image' });
    throw cause;
  }
  const runId = randomUUID();
  const releasers = new Releasers(2 * settings.engineTimeoutMs);
  let result: CommandResult;
  let warnings: string[] = [];
  let stopped = false;
  let stop = (): void => undefined;
  try {
    const sandbox = await Sandbox.open(
      docker,
      { image: input.image, name: `patchproof-run-${runId}`, limits: settings.limits, caps: settings.caps, labels: runLabels(runId, ctx.store), engineTimeoutMs: settings.engineTimeoutMs },
      releasers,
    );
    const mark = registerRun(sandbox.id);
    releasers.add('run registration', async () => mark.release());
    // A caller gone (a cancelled request) stops the command: the container is killed, then removed.
    stop = () => void sandbox.kill().catch(() => undefined);
    input.signal?.addEventListener('abort', stop, { once: true });
    if (input.copyProject === true) await copyProject(sandbox, settings.stepTimeoutMs);
    if (files.length > 0) await sandbox.upload(await changeArchive(files));
    const started = Date.now();
    try {
      result = await sandbox.runLimited(input.command, { timeoutMs: settings.testTimeoutMs, cpuTimeMs: settings.cpuTimeMs });
    } catch (error) {
      // Stopped before the command could start (or while its exec was being set up): an answer, not a failure.
      if (!(mark.stopped || (await removedMeanwhile(docker, sandbox.id, settings.engineTimeoutMs)))) throw error;
      result = notRun(input.command, Date.now() - started);
    }
    stopped = mark.stopped || (await removedMeanwhile(docker, sandbox.id, settings.engineTimeoutMs));
  } finally {
    input.signal?.removeEventListener('abort', stop);
    warnings = (await releasers.releaseAll()).map((e) => e.message);
  }
  const { limits, caps } = settings;
  return {
    runId,
    image: input.image,
    command: [...input.command],
    exitCode: result.exitCode,
    signal: result.signal,
    limitHit: limitHit(result),
    stopped,
    stdout: result.stdout,
    stderr: result.stderr,
    stdoutBytes: result.stdoutBytes,
    stderrBytes: result.stderrBytes,
    outputTruncated: result.outputTruncated,
    durationMs: result.durationMs,
    limits: {
      timeoutS: settings.testTimeoutMs / 1000,
      cpuTimeS: settings.cpuTimeMs / 1000,
      memoryMb: limits.memoryBytes / MIB,
      cpus: limits.cpus,
      pidsLimit: limits.pidsLimit,
      workspaceMb: limits.workspaceBytes / MIB,
      tmpMb: limits.tmpBytes / MIB,
      outputLimitBytes: caps.limitBytes,
    },
    files: files.length,
    warnings,
  };
}

function notRun(command: readonly string[], durationMs: number): CommandResult {
  return { command, exitCode: null, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 };
}

/** Whether stop_container (or anyone) removed the container while the command ran. */
async function removedMeanwhile(docker: Docker, id: string, timeoutMs: number): Promise<boolean> {
  try {
    await withDeadline('inspecting the run container', timeoutMs, (abortSignal) => docker.getContainer(id).inspect({ abortSignal }));
    return false;
  } catch (cause) {
    return engineFailure(cause) === 'missing';
  }
}

/** tmpfs gives out whole pages: files that would not fit are refused here, not left to the engine. */
function roomProblem(files: readonly Change[], workspaceBytes: number): string | null {
  let need = 0;
  for (const f of files) if (f.kind === 'write') need += Math.ceil(f.content.length / 4096) * 4096;
  return need <= workspaceBytes ? null : `need ${need} bytes of the workspace, which holds ${workspaceBytes}`;
}
