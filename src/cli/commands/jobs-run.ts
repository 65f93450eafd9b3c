/**
 * `patchproof jobs run --type T (--script S | --file F | -) [--input JSON|@file] [--var k=v ...]
 * [--timeout S] [--schedule CRON] [--json]`: the job submitted through the app layer and run in
 * this process, its log printed to stderr as it comes and its result at the end. Ctrl-C deletes
 * the job (its run cancelled, its sandbox removed). With --schedule the job is stored and this
 * returns: a `patchproof serve` sharing the database keeps the schedule. Exit code: 0 completed
 * (or scheduled), 1 failed, timeout or cancelled, 2 bad usage or an error of ours.
 */
import { readFile } from 'node:fs/promises';
import { stopJobs } from '../../app/job-service.js';
import { stopRuntimes } from '../../app/runtime-service.js';
import { followJob } from '../../app/use-cases/follow-job.js';
import { deleteJob, submitJob } from '../../app/use-cases/jobs.js';
import { JOB_TYPES, JobRequest, type JobView, VARIABLE_NAME } from '../../app/views/job-view.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jobLines, printLogEvent } from '../job-text.js';
import { jsonLine } from '../terminal-text.js';

/** The request's fields as the flags that set them, for the messages. */
const FLAG_OF: Record<string, string> = { type: '--type', script: '--script', input: '--input', variables: '--var', timeout: '--timeout', schedule: '--schedule' };

export async function jobsRun(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('jobs run', args, {
    type: { type: 'string' },
    script: { type: 'string' },
    file: { type: 'string' },
    input: { type: 'string' },
    var: { type: 'string', multiple: true },
    timeout: { type: 'string' },
    schedule: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const fromStdin = positionals.length === 1 && positionals[0] === '-';
  if (positionals.length > (fromStdin ? 1 : 0)) throw new UsageError(`jobs run: unexpected argument "${positionals[0]}"`);
  if ([values.script !== undefined, values.file !== undefined, fromStdin].filter(Boolean).length !== 1) {
    throw new UsageError('jobs run: give the script once: --script S, --file F, or - (read from stdin)', {}, { field: 'script' });
  }
  const script = values.script ?? (values.file !== undefined ? await readText(values.file, '--file') : await readAll(process.stdin));
  const parsed = JobRequest.safeParse({
    type: values.type,
    script,
    ...(values.input === undefined ? {} : { input: await inputOf(values.input) }),
    ...(values.var === undefined ? {} : { variables: variablesOf(values.var) }),
    ...(values.timeout === undefined ? {} : { timeout: Number(values.timeout) }),
    ...(values.schedule === undefined ? {} : { schedule: values.schedule }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'type');
    const hint = field === 'type' ? ` (${JOB_TYPES.join(', ')})` : '';
    throw new UsageError(`jobs run: ${FLAG_OF[field] ?? field}${issue !== undefined && issue.path.length > 1 ? ` ${issue.path.slice(1).map(String).join('.')}` : ''}: ${issue?.message ?? 'invalid'}${hint}`, {}, { field });
  }
  const request = parsed.data;
  const job = await withContext(config, async (ctx) => {
    let submitted: JobView | null = null;
    let interrupted = false;
    // Ctrl-C or SIGTERM: the job is deleted, so its run ends cancelled and its sandbox goes.
    const onSignal = (): void => {
      interrupted = true;
      if (submitted !== null) void deleteJob(ctx, submitted.id).catch(() => undefined);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      submitted = await submitJob(ctx, request);
      if (interrupted) await deleteJob(ctx, submitted.id);
      if (request.schedule !== undefined) return submitted;
      let last: JobView = submitted;
      for await (const event of followJob(ctx, submitted.id, { signal: new AbortController().signal })) {
        // The log on stderr, both streams: stdout is the result's.
        if (event.type === 'log' && !values.json) printLogEvent(event, submitted.id, { stdout: toStderr, stderr: toStderr });
        if (event.type === 'end') last = event.job;
      }
      return last;
    } finally {
      await stopJobs(ctx);
      await stopRuntimes(ctx);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
  if (values.json) process.stdout.write(`${jsonLine(job)}\n`);
  else {
    process.stdout.write(`${jobLines(job).join('\n')}\n`);
    if (job.schedule !== null) process.stdout.write('scheduled: a `patchproof serve` sharing this database runs it on its schedule (it reads new schedules every few seconds)\n');
  }
  return job.latest === null || job.latest.status === 'completed' ? 0 : 1;
}

function toStderr(text: string): void {
  process.stderr.write(text);
}

async function inputOf(given: string): Promise<unknown> {
  const text = given.startsWith('@') ? await readText(given.slice(1), '--input') : given;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`jobs run: --input: not JSON (${cause instanceof Error ? cause.message : String(cause)}); give JSON, e.g. --input '"text"' or --input @file.json`, {}, { cause, field: 'input' });
  }
}

function variablesOf(pairs: readonly string[]): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`jobs run: --var "${pair}": expected name=value`, {}, { field: 'variables' });
    if (!VARIABLE_NAME.test(pair.slice(0, at))) throw new UsageError(`jobs run: --var "${pair.slice(0, at)}": a name is letters, digits and _ (at most 64), not starting with a digit`, {}, { field: 'variables' });
    variables[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return variables;
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`jobs run: ${flag}: cannot read ${path}`, { path }, { cause, field: flag.slice(2) });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
