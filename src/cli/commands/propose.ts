/**
 * `patchproof propose <project> --changes <file.json> | --patch <file.diff>`: queue a proposal
 * for the worker. Input is checked whole first; nothing is stored when it is refused.
 * Exit code: 0 queued or judged executed (reused), 1 rejected (a diff that does not apply, or a
 * reused rejection), 2 bad usage.
 */
import { z } from 'zod';
import type { Change } from '../../changes/change.js';
import { readChangesFile } from '../../changes/changes-file.js';
import { readPatchFile } from '../../changes/read-patch-file.js';
import type { Config } from '../../config.js';
import type { ProposalFault } from '../../errors/proposal-fault.js';
import { UsageError } from '../../errors/usage-error.js';
import { parseProposalLabels } from '../../intake/proposal-labels.js';
import { type ProjectSnapshot, snapshotProject } from '../../images/project-snapshot.js';
import { submitProposal } from '../../intake/submit-proposal.js';
import { openStorage } from '../../storage/storage.js';
import { MIN_CHANGED_COVERAGE_OPTION, readMinChangedCoverage } from '../min-changed-coverage-option.js';
import { parseCommandArgs } from '../cli-args.js';
import { jsonLine, safeLine } from '../terminal-text.js';

const fields = z.object({
  priority: z.coerce.number().int().min(-1_000_000).max(1_000_000).default(0),
});

export async function proposeCommand(args: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseCommandArgs('propose', args, {
    changes: { type: 'string' },
    patch: { type: 'string' },
    title: { type: 'string' },
    author: { type: 'string' },
    priority: { type: 'string' },
    rerun: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    'protect-tests': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    ...MIN_CHANGED_COVERAGE_OPTION,
  });
  const minChangedCoverage = readMinChangedCoverage('propose', values['min-changed-coverage']);
  if (positionals.length !== 1) throw new UsageError('propose: expected exactly one <project> (a name from `patchproof projects list`)');
  if ((values.changes === undefined) === (values.patch === undefined)) throw new UsageError('propose: give exactly one of --changes <file.json> or --patch <file.diff>');
  const parsed = fields.safeParse({ priority: values.priority });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`propose: --${String(issue?.path[0] ?? 'value')} ${issue?.message ?? 'is invalid'}`);
  }
  const labels = parseProposalLabels('propose', { title: values.title, author: values.author });
  const limits = { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES };

  const storage = await openStorage(config);
  try {
    const project = await storage.projects.byNameOrId(positionals[0] ?? '');
    let changes: readonly Change[];
    let patch: string | null = null;
    let patchFault: ProposalFault | null = null;
    let snapshot: ProjectSnapshot | undefined;
    if (values.changes !== undefined) {
      changes = await readChangesFile(values.changes, limits);
    } else {
      // One snapshot: the diff is applied to exactly the files the proposal is then judged on.
      snapshot = await snapshotProject(project.rootPath);
      const read = await readPatchFile(values.patch ?? '', snapshot, limits);
      ({ changes, patch, fault: patchFault } = read);
    }
    const { proposal, reusedFrom } = await submitProposal(storage, {
      project: project.id,
      changes,
      patch,
      patchFault,
      title: labels.title,
      author: labels.author,
      priority: parsed.data.priority,
      rerun: values.rerun,
      protectTests: values['protect-tests'],
      strict: values.strict,
      minChangedCoverage,
      snapshot,
    });
    const view = { proposalId: proposal.id, project: project.name, status: proposal.status, reason: proposal.reason, reusedFrom: reusedFrom === null ? null : proposal.reusedFrom, contentKey: proposal.contentKey, protectTests: proposal.protectTests, strict: proposal.strict, minChangedCoverage: proposal.minChangedCoverage };
    if (values.json) process.stdout.write(`${jsonLine(view)}\n`);
    else process.stdout.write(`${view.proposalId}  ${view.status}${view.reason === null ? '' : `  ${safeLine(view.reason)}`}\n`);
    return proposal.status === 'rejected' ? 1 : 0;
  } finally {
    await storage.close();
  }
}
