/** A script job for people: its state, its latest result (output, condition, variables) and its runs; a followed run's log. */
import type { JobLogEvent, JobRunView, JobView } from '../app/views/job-view.js';
import { jsonLine, safeBlock, safeLine } from './terminal-text.js';

const SHOWN_RUNS = 10;

export function jobLines(job: JobView): string[] {
  const lines = [`job ${job.id}: ${job.type}, ${job.status}${job.schedule === null ? '' : `, schedule ${safeLine(job.schedule)}`}${job.timeout === null ? '' : `, timeout ${job.timeout} s`}, created ${job.createdAt}`];
  if (job.deletedAt !== null) lines.push(`deleted ${job.deletedAt} (its schedule stopped; its history kept)`);
  const result = job.latest?.result ?? null;
  if (job.latest !== null) lines.push(`latest run #${job.latest.seq}: ${runText(job.latest)}`);
  if (result !== null) {
    lines.push(`  output: ${result.output === null ? '(none)' : jsonLine(result.output)}`);
    lines.push(`  condition: ${result.condition === null ? '(none)' : safeLine(result.condition)}`);
    const names = Object.keys(result.variables).sort();
    lines.push(`  variables: ${names.length === 0 ? '(none)' : names.map((name) => `${name}=${safeLine(result.variables[name] ?? '')}`).join(' ')}`);
    if (result.error !== null) lines.push(`  error: ${safeLine(result.error)}`);
  }
  if (job.runs.length > 1) {
    lines.push(`runs (newest first${job.runs.length > SHOWN_RUNS ? `, ${SHOWN_RUNS} of ${job.runs.length}` : ''}):`);
    for (const run of job.runs.slice(0, SHOWN_RUNS)) lines.push(`  #${run.seq} ${runText(run)}`);
  }
  return lines;
}

export function jobSummaryLine(job: Omit<JobView, 'runs'>): string {
  return `${job.id}  ${job.type.padEnd(6)} ${job.status.padEnd(9)} ${job.schedule === null ? '-' : safeLine(job.schedule)}  ${job.createdAt}`;
}

function runText(run: JobRunView): string {
  const result = run.result;
  const how = result === null ? '' : `, exit ${result.exitCode === null ? '-' : result.exitCode}, ${result.durationMs} ms${result.limitHit === null ? '' : `, limit ${result.limitHit}`}`;
  return `${run.status}${how}, at ${run.createdAt}`;
}

/** How a followed run ended, for stderr (the script's own output stays alone on stdout). */
export function runEndLine(run: JobRunView): string {
  const error = run.result?.error ?? null;
  return `run #${run.seq} ${runText(run)}${error === null ? '' : `: ${safeLine(error)}`}`;
}

/** One live log event: its text for its stream, and when its stream's live log stops there, the note saying so. */
export function printLogEvent(event: JobLogEvent, jobId: string, out: { stdout: (text: string) => void; stderr: (text: string) => void }): void {
  (event.stream === 'stdout' ? out.stdout : out.stderr)(safeBlock(event.text));
  if (event.truncated) out.stderr(`\npatchproof: the live ${event.stream} stops here (past its bound, as the output kept); \`patchproof jobs log ${jobId}\` prints its stored tail once the run ends\n`);
}
