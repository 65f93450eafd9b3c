/**
 * `patchproof jobs run|list|show|log|delete`: script jobs through the app layer
 * (app/use-cases/jobs.ts), printed for people or (--json) as the API's views. `run` is
 * commands/jobs-run.ts.
 */
import { z } from 'zod';
import { followJob } from '../../app/use-cases/follow-job.js';
import { deleteJob, listJobs, showJob } from '../../app/use-cases/jobs.js';
import { FINAL_STATUSES, type JobView } from '../../app/views/job-view.js';
import type { AppContext } from '../../app/context.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jobLines, jobSummaryLine, printLogEvent, runEndLine } from '../job-text.js';
import { jsonLine, safeBlock } from '../terminal-text.js';
import { jobsRun } from './jobs-run.js';

const JobId = z.string().uuid();

export async function jobsCommand(args: readonly string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'run') return jobsRun(rest, config);
  if (sub === 'list') return list(rest, config);
  if (sub === 'show') return show(rest, config);
  if (sub === 'log') return log(rest, config);
  if (sub === 'delete') return remove(rest, config);
  throw new UsageError(`jobs: expected "run", "list", "show <id>", "log <id>" or "delete <id>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
}

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('jobs list', args, { json: { type: 'boolean', default: false } });
  if (positionals.length > 0) throw new UsageError(`jobs list: unexpected argument "${positionals[0]}"`);
  const view = await withContext(config, (ctx) => listJobs(ctx));
  if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
  else process.stdout.write(view.jobs.length === 0 ? 'no jobs\n' : `${view.jobs.map(jobSummaryLine).join('\n')}\n`);
  return 0;
}

async function show(args: readonly string[], config: Config): Promise<number> {
  const { values, id } = withId('show', args, { json: { type: 'boolean', default: false } });
  const job = await withContext(config, (ctx) => showJob(ctx, id));
  process.stdout.write(values.json ? `${jsonLine(job)}\n` : `${jobLines(job).join('\n')}\n`);
  return 0;
}

/**
 * The latest run's log, its stdout on stdout and its stderr on stderr. --follow prints it as it is
 * stored (from whichever process runs it), then how the run ended on stderr, and exits as
 * `jobs run` does: 0 completed, 1 failed, timeout or cancelled.
 */
async function log(args: readonly string[], config: Config): Promise<number> {
  const { values, id } = withId('log', args, { follow: { type: 'boolean', default: false } });
  if (values.follow) return withContext(config, (ctx) => follow(ctx, id));
  const job = await withContext(config, (ctx) => showJob(ctx, id));
  const run = job.latest;
  if (run === null) {
    process.stderr.write(`patchproof: job ${id} has not run yet\n`);
    return 1;
  }
  if (!FINAL_STATUSES.includes(run.status)) {
    process.stderr.write(`patchproof: run #${run.seq} is ${run.status}; its log is kept whole when it ends (--follow prints it as it comes)\n`);
    return 1;
  }
  process.stdout.write(safeBlock(run.result?.stdout ?? ''));
  process.stderr.write(safeBlock(run.result?.stderr ?? ''));
  return 0;
}

async function follow(ctx: AppContext, id: string): Promise<number> {
  let live = false;
  let job: JobView | null = null;
  const out = { stdout: (text: string) => void process.stdout.write(text), stderr: (text: string) => void process.stderr.write(text) };
  for await (const event of followJob(ctx, id, { signal: new AbortController().signal })) {
    if (event.type === 'log') {
      live = true;
      printLogEvent(event, id, out);
    }
    if (event.type === 'end') job = event.job;
  }
  const run = job?.latest ?? null;
  if (run === null) {
    process.stderr.write(`patchproof: job ${id} was deleted before it ran\n`);
    return 1;
  }
  // Its live log compacted (or from before one was kept): the stored one.
  if (!live) {
    out.stdout(safeBlock(run.result?.stdout ?? ''));
    out.stderr(safeBlock(run.result?.stderr ?? ''));
  }
  process.stderr.write(`patchproof: ${runEndLine(run)}\n`);
  return run.status === 'completed' ? 0 : 1;
}

async function remove(args: readonly string[], config: Config): Promise<number> {
  const { values, id } = withId('delete', args, { json: { type: 'boolean', default: false } });
  const job = await withContext(config, (ctx) => deleteJob(ctx, id));
  process.stdout.write(values.json ? `${jsonLine(job)}\n` : `${jobLines(job).join('\n')}\n`);
  return 0;
}

function withId<const O extends Parameters<typeof parseCommandArgs>[2]>(sub: string, args: readonly string[], options: O) {
  const { values, positionals } = parseCommandArgs(`jobs ${sub}`, args, options);
  if (positionals.length !== 1) throw new UsageError(`jobs ${sub}: expected one job id, got ${positionals.length}`, {}, { field: 'id' });
  const id = JobId.safeParse(positionals[0]);
  if (!id.success) throw new UsageError(`jobs ${sub}: "${positionals[0]}" is not a job id (a UUID, as \`patchproof jobs list\` shows)`, {}, { field: 'id' });
  return { values, id: id.data };
}
