/**
 * `patchproof jobs run|list|show|log|delete`: script jobs through the app layer
 * (app/use-cases/jobs.ts), printed for people or (--json) as the API's views. `run` is
 * commands/jobs-run.ts.
 */
import { z } from 'zod';
import { followJob } from '../../app/use-cases/follow-job.js';
import { deleteJob, listJobs, showJob } from '../../app/use-cases/jobs.js';
import { FINAL_STATUSES, type JobView } from '../../app/views/job-view.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { parseCommandArgs } from '../cli-args.js';
import { jobLines, jobSummaryLine } from '../job-text.js';
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

/** The latest run's log (its stdout on stdout, its stderr on stderr); --follow waits for the run to end first. */
async function log(args: readonly string[], config: Config): Promise<number> {
  const { values, id } = withId('log', args, { follow: { type: 'boolean', default: false } });
  const job = await withContext(config, async (ctx): Promise<JobView> => {
    if (!values.follow) return showJob(ctx, id);
    let last = await showJob(ctx, id);
    for await (const event of followJob(ctx, id, { signal: new AbortController().signal })) if (event.type === 'end') last = event.job;
    return last;
  });
  const run = job.latest;
  if (run === null) {
    process.stderr.write(`patchproof: job ${id} has not run yet\n`);
    return 1;
  }
  if (!FINAL_STATUSES.includes(run.status)) {
    process.stderr.write(`patchproof: run #${run.seq} is ${run.status}; its log is kept when it ends (--follow waits for it; GET /v1/jobs/${id}/events streams it from the server running it)\n`);
    return 1;
  }
  process.stdout.write(safeBlock(run.result?.stdout ?? ''));
  process.stderr.write(safeBlock(run.result?.stderr ?? ''));
  return 0;
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
