/** `patchproof proposals list|show|follow`: the records read back, for people or (--json) for programs. */
import { imageRewriteLines } from '../image-rewrites-text.js';
import { rerunLines } from '../rerun-view.js';
import { z } from 'zod';
import { followProposal } from '../../app/use-cases/follow-proposal.js';
import { listProposals } from '../../app/use-cases/list-proposals.js';
import { showProposal } from '../../app/use-cases/show-proposal.js';
import { PROPOSAL_STATUS_VALUES } from '../../app/views/proposal-list-view.js';
import type { ProposalView } from '../../app/views/proposal-view.js';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { withContext } from '../app-context.js';
import { changedLinesText } from '../changed-lines-view.js';
import { parseCommandArgs } from '../cli-args.js';
import { comparisonLines } from '../comparison-view.js';
import { testEditLines } from '../result-view.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function proposalsCommand(args: readonly string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, config);
  if (sub === 'show') return show(rest, config);
  if (sub === 'follow') return follow(rest, config);
  throw new UsageError(`proposals: expected "list", "show <id>" or "follow <id>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
}

const Limit = z.coerce.number().int().min(1).max(200);

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('proposals list', args, {
    json: { type: 'boolean', default: false },
    status: { type: 'string' },
    project: { type: 'string' },
    author: { type: 'string' },
    text: { type: 'string' },
    cursor: { type: 'string' },
    limit: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`proposals list: unexpected argument "${positionals[0]}"`);
  const status = z.enum(PROPOSAL_STATUS_VALUES).optional().safeParse(values.status);
  if (!status.success) throw new UsageError(`proposals list: --status must be one of ${PROPOSAL_STATUS_VALUES.join(', ')}`, {}, { field: 'status' });
  const limit = Limit.optional().safeParse(values.limit);
  if (!limit.success) throw new UsageError('proposals list: --limit must be a whole number from 1 to 200', {}, { field: 'limit' });
  const page = await withContext(config, (ctx) => listProposals(ctx, { project: values.project, status: status.data, author: values.author, text: values.text, cursor: values.cursor, limit: limit.data }));
  if (values.json) process.stdout.write(`${jsonLine(page)}\n`);
  else if (page.items.length === 0) process.stdout.write('no proposals\n');
  else {
    for (const i of page.items) process.stdout.write(`${i.id}  ${i.status.padEnd(8)}  ${safeLine(i.project)}  ${safeLine(i.title ?? '')}  ${safeLine(i.reason ?? '')}\n`);
    if (page.nextCursor !== null) process.stdout.write(`(more: --cursor ${page.nextCursor})\n`);
  }
  return 0;
}

async function show(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('proposals show', args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('proposals show: expected exactly one <id>');
  const view = await withContext(config, (ctx) => showProposal(ctx, positionals[0] ?? ''));
  process.stdout.write(values.json ? `${jsonLine(view)}\n` : detailText(view));
  return 0;
}

/** Prints the proposal's progress events until its verdict (JSON lines with --json); exit as validate's. */
async function follow(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('proposals follow', args, { json: { type: 'boolean', default: false }, after: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('proposals follow: expected exactly one <id>');
  const after = z.coerce.number().int().min(0).optional().safeParse(values.after);
  if (!after.success) throw new UsageError('proposals follow: --after must be an event number (0 or more)', {}, { field: 'after' });
  const aborter = new AbortController();
  const onSignal = () => aborter.abort();
  process.on('SIGINT', onSignal);
  let outcome: string | null = null;
  try {
    await withContext(config, async (ctx) => {
      for await (const event of followProposal(ctx, positionals[0] ?? '', after.data ?? 0, { signal: aborter.signal })) {
        if (event.type === 'verdict') outcome = event.outcome;
        process.stdout.write(values.json ? `${jsonLine(event)}\n` : `${followLine(event)}\n`);
      }
    });
  } finally {
    process.off('SIGINT', onSignal);
  }
  return outcome === 'executed' ? 0 : outcome === 'rejected' ? 1 : 2;
}

function followLine(event: Parameters<typeof jsonLine>[0] & { seq: number; type: string }): string {
  const rest = Object.entries(event)
    .filter(([k]) => !['seq', 'type', 'proposalId', 'at', 'validationId'].includes(k))
    .map(([k, v]) => `${k}=${safeLine(typeof v === 'string' ? v : JSON.stringify(v))}`)
    .join(' ');
  return `${String(event.seq).padStart(4)} ${event.type} ${rest}`;
}

function detailText(d: ProposalView): string {
  // Every field that came from a proposal or a report goes through safeLine: see terminal-text.ts.
  const out = [`proposal ${d.id}  ${d.status}`, `  project  ${safeLine(d.project)} (${safeLine(d.projectRoot)})`];
  if (d.title) out.push(`  title    ${safeLine(d.title)}`);
  if (d.author) out.push(`  author   ${safeLine(d.author)}`);
  if (d.reason) out.push(`  reason   ${safeLine(d.reason)}`);
  if (d.strict) out.push('  strict   --strict: graded on its own, every test must pass');
  if (d.protectTests) out.push('  protect  --protect-tests: edits of existing tests and of test support are rejected');
  if (d.minChangedCoverage !== null) out.push(`  minimum  --min-changed-coverage ${d.minChangedCoverage}%: changed executable lines must be covered at least this much`);
  if (d.reusedFrom) out.push(`  reused   the outcome of ${d.reusedFrom} (same project state and changes)`);
  if (d.overrides !== null) out.push(`  limits   ${Object.entries(d.overrides).map(([k, v]) => `${k} ${String(v)}`).join(', ')} (asked with the proposal: every run of it uses them)`);
  out.push(`  changes  ${d.changes.map((c) => safeLine(c.kind === 'delete' ? `-${c.filepath}` : c.filepath)).join(', ') || '(none: the project as it is)'}`);
  if (d.validationsTotal > d.validations.length) out.push(`  (${d.validationsTotal - d.validations.length} older validation(s) not shown here: --json summarizes ${d.olderValidations.length} of them)`);
  if (d.reusedValidations.length > 0) out.push(`  (the validations below are those of ${d.reusedFrom ?? ''}, whose verdict this proposal reuses)`);
  for (const v of [...d.validations, ...d.reusedValidations]) {
    const { tests } = v;
    out.push(`  ${v.kind} ${v.id}  ${v.outcome}  (${safeLine(v.reasonCode)})  ${v.finishedAt}${v.worker ? `  by ${safeLine(v.worker)}` : ''}`);
    out.push(`    reason    ${safeLine(v.reason)}`);
    out.push(`    tests     ${v.testsPassed} passed, ${v.testsFailed} failed, ${v.testsErrors} errors, ${v.testsSkipped} skipped of ${v.testsTotal}`);
    if (v.truncated !== null) out.push(`    cut       ${safeLine(v.truncated)}`);
    out.push(`    coverage  ${v.coverageLines === null ? '-' : `${v.coverageLines}% lines`}${v.coverageBranches === null ? '' : `, ${v.coverageBranches}% branches`}`);
    out.push(...changedLinesText(v.changedLines, v.coverageDelta, '    ', 10));
    out.push(...testEditLines(v.testEdits, '    '));
    out.push(...rerunLines(v.reruns, '    '));
    out.push(...comparisonLines(v.comparison, '    '));
    out.push(...imageRewriteLines(v.imageRewrites, '    ', 'rewritten'));
    out.push(`    time      ${Object.entries(v.durations).map(([k, ms]) => `${safeLine(k)} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
    out.push(`    resources cpu ${v.cpuNanos === null ? '-' : `${(v.cpuNanos / 1e9).toFixed(2)}s`}, peak memory ${v.peakMemoryBytes === null ? '-' : `${(v.peakMemoryBytes / 1024 / 1024).toFixed(1)} MiB`}, exit ${v.exitCode ?? '-'}${v.timedOut ? ', timed out' : ''}${v.oomKilled ? ', OOM-killed' : ''}`);
    for (const t of tests) out.push(`    ${t.status.padEnd(7)} ${safeLine(t.identity ?? (t.suite ? `${t.suite}::${t.name}` : t.name))}${t.flaky === true ? ' (flaky)' : ''}${t.message ? `  — ${safeLine(t.message.split('\n')[0] ?? '')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
