/**
 * Submitting a proposal to the queue (`propose`, later `POST /v1/proposals`): changes given whole
 * or as a diff's text, checked before anything is stored; the request's overrides kept with it.
 */
import type { Change } from '../../changes/change.js';
import { readChangesFile } from '../../changes/changes-file.js';
import type { ProposalFault } from '../../errors/proposal-fault.js';
import { type ProjectSnapshot, snapshotProject } from '../../project/project-snapshot.js';
import { ProposalLabels } from '../../intake/proposal-labels.js';
import { submitProposal } from '../../intake/submit-proposal.js';
import { readPatchBytes, readPatchFile } from '../../changes/read-patch-file.js';
import { InputError } from '../../errors/input-error.js';
import { askedOverrides } from '../../pipeline/request-overrides.js';
import type { RequestOverrides } from '../../pipeline/settings.js';
import { projectSource } from '../../git/project-source.js';
import type { AppContext } from '../context.js';
import type { SubmittedView } from '../views/proposal-view.js';

export interface Submit {
  readonly project: string;
  /** Whole-file changes, or `patch` (a unified diff's text); exactly one. */
  readonly changes?: readonly Change[] | undefined;
  /** A changes file on this host (the CLI's way), read once the project is known. */
  readonly changesFile?: string | undefined;
  readonly patch?: { readonly text: string; readonly source: string } | { readonly file: string } | undefined;
  readonly title?: string | null | undefined;
  readonly author?: string | null | undefined;
  readonly priority?: number | undefined;
  readonly rerun?: boolean | undefined;
  readonly protectTests?: boolean | undefined;
  readonly strict?: boolean | undefined;
  readonly minChangedCoverage?: number | undefined;
  readonly overrides?: RequestOverrides | undefined;
  /** A git project's branch, tag or commit to judge on; default its ref's commit now. */
  readonly base?: string | undefined;
}

export async function submit(ctx: AppContext, input: Submit): Promise<SubmittedView> {
  const given = [input.changes, input.changesFile, input.patch].filter((g) => g !== undefined).length;
  if (given !== 1) throw new InputError('give exactly one of changes or a patch', {}, { field: 'changes' });
  const labels = ProposalLabels.safeParse({ title: input.title ?? null, author: input.author ?? null });
  if (!labels.success) {
    const field = String(labels.error.issues[0]?.path[0] ?? 'title');
    throw new InputError(`${field} ${labels.error.issues[0]?.message ?? 'is invalid'}`, {}, { field });
  }
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000) throw new InputError('priority must be a whole number from -1000000 to 1000000', {}, { field: 'priority' });
  const storage = await ctx.storage();
  const project = await storage.projects.byNameOrId(input.project);
  const { config } = ctx;
  const limits = { maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES, maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES, maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES };
  let changes: readonly Change[] = input.changesFile !== undefined ? await readChangesFile(input.changesFile, limits) : (input.changes ?? []);
  let patch: string | null = null;
  let patchFault: ProposalFault | null = null;
  let snapshot: ProjectSnapshot | undefined;
  // A git project's commit is fixed now, as a full id: every later run of the proposal uses it.
  const source = await projectSource(project, input.base ?? null);
  if (input.patch !== undefined) {
    // One snapshot: the diff is applied to exactly the files the proposal is then judged on.
    snapshot = await snapshotProject(source.dir);
    const read = 'file' in input.patch ? await readPatchFile(input.patch.file, snapshot, limits) : await readPatchBytes(Buffer.from(input.patch.text, 'utf8'), input.patch.source, snapshot, limits);
    ({ changes, patch, fault: patchFault } = read);
  }
  const overrides = askedOverrides(input.overrides ?? {});
  const { proposal, reusedFrom } = await submitProposal(storage, {
    project: project.id,
    changes,
    patch,
    patchFault,
    title: labels.data.title,
    author: labels.data.author,
    priority,
    rerun: input.rerun ?? false,
    protectTests: input.protectTests ?? false,
    strict: input.strict ?? false,
    minChangedCoverage: input.minChangedCoverage,
    overrides,
    snapshot,
    sourceDir: source.dir,
    baseCommit: source.commit,
  });
  if (proposal.status === 'pending') await storage.progress.append(proposal.id, 1, [{ type: 'queued', reason: 'queued for a worker' }]).catch(() => undefined);
  return {
    proposalId: proposal.id,
    project: project.name,
    status: proposal.status,
    reason: proposal.reason,
    reusedFrom: reusedFrom === null ? null : proposal.reusedFrom,
    contentKey: proposal.contentKey,
    protectTests: proposal.protectTests,
    strict: proposal.strict,
    minChangedCoverage: proposal.minChangedCoverage,
    overrides: proposal.overrides,
    baseCommit: proposal.baseCommit,
  };
}
