/**
 * One run of a script job, through the run machinery (app/runtime-service.ts): a slot among
 * PATCHPROOF_RUN_CONCURRENCY (waited for, the run stays `queued`), a fresh hardened sandbox of
 * kind `job` (`preparing`), the script run under the run limits with its log streamed
 * (`running`), then the helper's result file read back and parsed (jobs/job-result-file.ts), and
 * the run ends `completed`, `failed` (exit code, limit, or a result that does not parse) or
 * `timeout`; aborted because its job was deleted (jobs/job-cancelled.ts), it ends `cancelled`
 * (the deletion recorded that already; its sandbox is killed and removed). Every status, and the
 * log as it comes (jobs/job-log-buffer.ts: batched, bounded), goes to the database, where
 * followers in any process read it; nothing here throws past the run: an error of ours ends it
 * `failed` with the reason.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { limitHit } from '../../pipeline/limit-hit.js';
import type { CommandResult } from '../../sandbox/command-result.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { jobArchive } from '../../jobs/job-archive.js';
import { JobCancelled } from '../../jobs/job-cancelled.js';
import { JobLogBuffer } from '../../jobs/job-log-buffer.js';
import { MAX_RESULT_BYTES, parseJobResult, RESULT_DIR } from '../../jobs/job-result-file.js';
import { runtimeNamed } from '../../runtimes/registry.js';
import { CODE_DIR } from '../../runtimes/runtime.js';
import type { JobRecord } from '../../storage/job-store.js';
import type { Disposable } from '../../warm/warm-pool.js';
import type { AppContext } from '../context.js';
import { runtimeService } from '../runtime-service.js';
import type { JobResultView, JobStatus, JobType } from '../views/job-view.js';

const RUNTIME_OF: Record<JobType, 'bash' | 'python' | 'javascript'> = { bash: 'bash', python: 'python', node: 'javascript' };
/** The log kept with a run's result: the tail of each stream. */
const MAX_LOG_CHARS = 64 * 1024;
const SLOT_POLL_MS = 250;
/** result.json, its temporary twin, and the bash helper's state: a file per variable set. */
const MAX_RESULT_ENTRIES = 300;

export async function runJob(ctx: AppContext, job: JobRecord, runId: string, signal: AbortSignal): Promise<JobStatus> {
  const storage = await ctx.storage();
  let told = false;
  // Bounded by what a sandbox keeps of each stream (its caps are the config's, as here).
  const log = new JobLogBuffer((events) => storage.jobs.appendLog(runId, events), ctx.config.PATCHPROOF_OUTPUT_KEEP_BYTES, (error) => {
    if (told) return;
    told = true;
    process.stderr.write(`patchproof: job ${job.id} run ${runId}: some of its live log could not be stored (its result keeps the tail): ${error instanceof Error ? error.message : String(error)}\n`);
  });
  // The log written so far goes first, so followers see it before the status that follows it.
  const move = async (status: JobStatus): Promise<void> => {
    await log.flush();
    await storage.jobs.setStatus(runId, status);
  };
  let final: { status: JobStatus; result: JobResultView };
  try {
    final = await execute(ctx, log, job, runId, signal, move);
  } catch (error) {
    final = signal.aborted ? aborted(signal, failedResult(job, '')) : { status: 'failed', result: failedResult(job, `the job could not run: ${error instanceof Error ? error.message : String(error)}`) };
  }
  await log.close();
  // A run its job's deletion ended already keeps that ending (the store decides, not this process).
  return storage.jobs.finish(runId, final.status, final.result);
}

/** How an aborted run ends: cancelled when its job was deleted, else failed because the door closed. */
function aborted(signal: AbortSignal, result: JobResultView): { status: JobStatus; result: JobResultView } {
  const cancelled = signal.reason instanceof JobCancelled;
  return { status: cancelled ? 'cancelled' : 'failed', result: { ...result, error: cancelled ? signal.reason.message : 'the server stopped before the job ended' } };
}

async function execute(
  ctx: AppContext,
  log: JobLogBuffer,
  job: JobRecord,
  runId: string,
  signal: AbortSignal,
  move: (status: JobStatus) => Promise<void>,
): Promise<{ status: JobStatus; result: JobResultView }> {
  if (signal.aborted) return aborted(signal, failedResult(job, ''));
  const runtime = runtimeNamed(RUNTIME_OF[job.type]);
  const settings = await ctx.settings(job.timeoutS === null ? null : { timeoutS: job.timeoutS });
  const archive = await jobArchive(runtime, job);
  const service = runtimeService(ctx);
  let slot = service.admit();
  while (slot === null) {
    await sleep(SLOT_POLL_MS, undefined, { signal });
    slot = service.admit();
  }
  let sandbox: Disposable<Sandbox> | null = null;
  try {
    await move('preparing');
    sandbox = await service.openJob(runtime);
    const box = sandbox.value;
    const stop = (): void => void box.kill().catch(() => undefined);
    signal.addEventListener('abort', stop, { once: true });
    try {
      // Aborted while its sandbox was starting: nothing of the script runs.
      if (signal.aborted) return aborted(signal, failedResult(job, ''));
      await box.upload(archive);
      await move('running');
      const ran = await box.runLimited(['sh', '-c', `cd ${CODE_DIR} && exec "$@" < /dev/null`, 'sh', ...runtime.run], {
        timeoutMs: settings.testTimeoutMs,
        cpuTimeMs: settings.cpuTimeMs,
        onOutput: (chunk, stream) => log.push(stream, chunk),
      });
      if (signal.aborted) return aborted(signal, resultOf(job, ran, null, null));
      const limit = limitHit(ran);
      if (limit === 'timeout') return { status: 'timeout', result: resultOf(job, ran, null, `the job ran past its timeout of ${settings.testTimeoutMs / 1000} s`) };
      const parsed = await readResult(box, job);
      if ('problem' in parsed) return { status: 'failed', result: resultOf(job, ran, null, parsed.problem) };
      if (limit !== null) return { status: 'failed', result: resultOf(job, ran, parsed, `the job hit the ${limit} limit`) };
      if (ran.exitCode !== 0) return { status: 'failed', result: resultOf(job, ran, parsed, `the script exited with code ${String(ran.exitCode)}`) };
      return { status: 'completed', result: resultOf(job, ran, parsed, null) };
    } finally {
      signal.removeEventListener('abort', stop);
    }
  } finally {
    if (sandbox === null) slot.release();
    else service.retire(sandbox, slot);
  }
}

/** The helper's result file, read by the engine (no process of the script's), bounded. */
async function readResult(box: Sandbox, job: JobRecord): Promise<ReturnType<typeof parseJobResult>> {
  if (!box.alive) return parseJobResult('', job.variables);
  // The folder (the bash helper keeps its state beside the file), bounded; the file is bounded again when parsed.
  const read = await box.download(RESULT_DIR, { maxEntries: MAX_RESULT_ENTRIES, maxBytes: 4 * MAX_RESULT_BYTES });
  if (read.kind === 'over') return { problem: `the job's result folder holds more than ${MAX_RESULT_ENTRIES} files or ${4 * MAX_RESULT_BYTES} bytes` };
  // No file (the script used no helper): nothing was set.
  const file = read.files.get('result.json');
  return parseJobResult(file === undefined ? '' : file.toString('utf8'), job.variables);
}

function resultOf(job: JobRecord, ran: CommandResult, set: { output: unknown; condition: string | null; variables: Record<string, string> } | null, error: string | null): JobResultView {
  return {
    output: set?.output ?? null,
    condition: set?.condition ?? null,
    variables: set?.variables ?? { ...job.variables },
    exitCode: ran.exitCode,
    durationMs: Math.max(0, Math.round(ran.durationMs)),
    limitHit: limitHit(ran),
    stdout: tail(ran.stdout),
    stderr: tail(ran.stderr),
    outputTruncated: ran.outputTruncated || ran.stdout.length > MAX_LOG_CHARS || ran.stderr.length > MAX_LOG_CHARS,
    error,
  };
}

function failedResult(job: JobRecord, error: string): JobResultView {
  return { output: null, condition: null, variables: { ...job.variables }, exitCode: null, durationMs: 0, limitHit: null, stdout: '', stderr: '', outputTruncated: false, error };
}

function tail(text: string): string {
  return text.length <= MAX_LOG_CHARS ? text : text.slice(-MAX_LOG_CHARS);
}
