/** `patchproof proposals list|show`: the records read back, for people or (--json) for programs. */
import { rerunLines } from '../rerun-view.js';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { UsageError } from '../../errors/usage-error.js';
import { PROPOSAL_STATUSES } from '../../storage/entities/proposal-entity.js';
import type { ProposalDetail } from '../../storage/proposal-store.js';
import { openStorage } from '../../storage/storage.js';
import { changedLinesText } from '../changed-lines-view.js';
import { parseCommandArgs } from '../cli-args.js';
import { comparisonLines } from '../comparison-view.js';
import { testEditLines } from '../result-view.js';
import { jsonLine, safeLine } from '../terminal-text.js';

export async function proposalsCommand(args: readonly string[], config: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest, config);
  if (sub === 'show') return show(rest, config);
  throw new UsageError(`proposals: expected "list" or "show <id>", got ${sub === undefined ? 'nothing' : `"${sub}"`}`);
}

async function list(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('proposals list', args, {
    json: { type: 'boolean', default: false },
    status: { type: 'string' },
    project: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`proposals list: unexpected argument "${positionals[0]}"`);
  const status = z.enum(PROPOSAL_STATUSES).optional().safeParse(values.status);
  if (!status.success) throw new UsageError(`proposals list: --status must be one of ${PROPOSAL_STATUSES.join(', ')}`);
  const storage = await openStorage(config);
  try {
    const projectId = values.project === undefined ? undefined : (await storage.projects.byNameOrId(values.project)).id;
    const rows = await storage.proposals.list({ ...(status.data ? { status: status.data } : {}), ...(projectId ? { projectId } : {}) });
    const items = rows.map(({ proposal, project }) => ({
      id: proposal.id,
      project: project.name,
      projectRoot: project.rootPath,
      title: proposal.title,
      author: proposal.author,
      status: proposal.status,
      reason: proposal.reason,
      reusedFrom: proposal.reusedFrom,
      attempts: proposal.attempts,
      createdAt: new Date(proposal.createdAt).toISOString(),
      updatedAt: new Date(proposal.updatedAt).toISOString(),
    }));
    if (values.json) process.stdout.write(`${jsonLine(items)}\n`);
    else if (items.length === 0) process.stdout.write('no proposals\n');
    else for (const i of items) process.stdout.write(`${i.id}  ${i.status.padEnd(8)}  ${safeLine(i.project)}  ${safeLine(i.title ?? '')}  ${safeLine(i.reason ?? '')}\n`);
    return 0;
  } finally {
    await storage.close();
  }
}

async function show(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('proposals show', args, { json: { type: 'boolean', default: false } });
  if (positionals.length !== 1) throw new UsageError('proposals show: expected exactly one <id>');
  const storage = await openStorage(config);
  try {
    const detail = await storage.proposals.show(positionals[0] ?? '');
    if (detail === null) throw new UsageError(`proposals show: no proposal with id "${positionals[0]}"`);
    process.stdout.write(values.json ? `${jsonLine(detailJson(detail))}\n` : detailText(detail));
    return 0;
  } finally {
    await storage.close();
  }
}

function detailJson(d: ProposalDetail) {
  return {
    id: d.proposal.id,
    project: d.project.name,
    projectRoot: d.project.rootPath,
    title: d.proposal.title,
    author: d.proposal.author,
    status: d.proposal.status,
    reason: d.proposal.reason,
    priority: d.proposal.priority,
    protectTests: d.proposal.protectTests,
    strict: d.proposal.strict,
    kind: d.proposal.kind,
    minChangedCoverage: d.proposal.minChangedCoverage,
    attempts: d.proposal.attempts,
    reusedFrom: d.proposal.reusedFrom,
    lastError: d.proposal.lastError,
    createdAt: new Date(d.proposal.createdAt).toISOString(),
    updatedAt: new Date(d.proposal.updatedAt).toISOString(),
    patch: d.proposal.patch,
    changes: d.proposal.changes.map((c) => ({ filepath: c.filepath, kind: 'delete' in c ? 'delete' : 'write' })),
    validations: d.validations.map(validationJson),
    reusedValidations: d.reusedValidations.map(validationJson),
  };
}

function validationJson({ validation, tests }: ProposalDetail['validations'][number]) {
  return { ...validation, startedAt: new Date(validation.startedAt).toISOString(), finishedAt: new Date(validation.finishedAt).toISOString(), tests };
}

function detailText(d: ProposalDetail): string {
  // Every field that came from a proposal or a report goes through safeLine: see terminal-text.ts.
  const out = [`proposal ${d.proposal.id}  ${d.proposal.status}`, `  project  ${safeLine(d.project.name)} (${safeLine(d.project.rootPath)})`];
  if (d.proposal.title) out.push(`  title    ${safeLine(d.proposal.title)}`);
  if (d.proposal.author) out.push(`  author   ${safeLine(d.proposal.author)}`);
  if (d.proposal.reason) out.push(`  reason   ${safeLine(d.proposal.reason)}`);
  if (d.proposal.strict) out.push('  strict   --strict: graded on its own, every test must pass');
  if (d.proposal.protectTests) out.push('  protect  --protect-tests: edits of existing tests and of test support are rejected');
  if (d.proposal.minChangedCoverage !== null) out.push(`  minimum  --min-changed-coverage ${d.proposal.minChangedCoverage}%: changed executable lines must be covered at least this much`);
  if (d.proposal.reusedFrom) out.push(`  reused   the outcome of ${d.proposal.reusedFrom} (same project state and changes)`);
  out.push(`  changes  ${d.proposal.changes.map((c) => safeLine('delete' in c ? `-${c.filepath}` : c.filepath)).join(', ') || '(none: the project as it is)'}`);
  if (d.reusedValidations.length > 0) out.push(`  (the validations below are those of ${d.proposal.reusedFrom ?? ''}, whose verdict this proposal reuses)`);
  for (const { validation: v, tests } of [...d.validations, ...d.reusedValidations]) {
    out.push(`  ${v.kind} ${v.id}  ${v.outcome}  (${safeLine(v.reasonCode)})  ${new Date(v.finishedAt).toISOString()}${v.worker ? `  by ${safeLine(v.worker)}` : ''}`);
    out.push(`    reason    ${safeLine(v.reason)}`);
    out.push(`    tests     ${v.testsPassed} passed, ${v.testsFailed} failed, ${v.testsErrors} errors, ${v.testsSkipped} skipped of ${v.testsTotal}`);
    if (v.truncated !== null) out.push(`    cut       ${safeLine(v.truncated)}`);
    out.push(`    coverage  ${v.coverageLines === null ? '-' : `${v.coverageLines}% lines`}${v.coverageBranches === null ? '' : `, ${v.coverageBranches}% branches`}`);
    out.push(...changedLinesText(v.changedLines, v.coverageDelta, '    ', 10));
    out.push(...testEditLines(v.testEdits, '    '));
    out.push(...rerunLines(v.reruns, '    '));
    out.push(...comparisonLines(v.comparison, '    '));
    out.push(`    time      ${Object.entries(v.durations).map(([k, ms]) => `${safeLine(k)} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
    out.push(`    resources cpu ${v.cpuNanos === null ? '-' : `${(v.cpuNanos / 1e9).toFixed(2)}s`}, peak memory ${v.peakMemoryBytes === null ? '-' : `${(v.peakMemoryBytes / 1024 / 1024).toFixed(1)} MiB`}, exit ${v.exitCode ?? '-'}${v.timedOut ? ', timed out' : ''}${v.oomKilled ? ', OOM-killed' : ''}`);
    for (const t of tests) out.push(`    ${t.status.padEnd(7)} ${safeLine(t.identity ?? (t.suite ? `${t.suite}::${t.name}` : t.name))}${t.flaky === true ? ' (flaky)' : ''}${t.message ? `  — ${safeLine(t.message.split('\n')[0] ?? '')}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
