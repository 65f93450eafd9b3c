/**
 * Submitting a proposal to the queue (`propose`, `POST /v1/proposals`, validate_proposal): changes
 * given whole or as a diff's text, checked before anything is stored; the request's overrides kept
 * with it. Under an idempotency key, the same request again (a retry after a lost answer, on this
 * server or another over the same database, before or after a restart) answers with the proposal
 * the first one made; another request under the key is a conflict. The key is taken in the
 * proposal's own transaction: a submission that fails leaves it free. A new proposal is refused
 * (QueueFull) while PATCHPROOF_MAX_PENDING wait for a worker, whichever door it came by; a replay
 * never is, since it makes nothing. The limit is exact: the change is admitted in the transaction
 * that writes it (storage/queue-admission.ts), however many servers submit at once.
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
import { KeyTaken, type KeyClaim, type KeyRecord } from '../../storage/idempotency-key-store.js';
import { ProposalEntity } from '../../storage/entities/proposal-entity.js';
import { SUMMARY_COLUMNS, type ProposalSummary } from '../../storage/proposal-store.js';
import { QueueFull } from '../../errors/queue-full.js';
import { queueFull, waitingNow } from '../../storage/queue-admission.js';
import { changeLimits } from '../checked-changes.js';
import type { AppContext } from '../context.js';
import { requestDigest, type IdempotentRequest } from '../idempotency.js';
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

export interface SubmitOptions {
  /** The same request again answers with the proposal the first made; another request is `conflict`. */
  readonly idempotency?: IdempotentRequest | undefined;
}

export async function submit(ctx: AppContext, input: Submit, options: SubmitOptions = {}): Promise<SubmittedView> {
  const once = options.idempotency;
  if (once === undefined) {
    await admit(ctx);
    return submitNew(ctx, input, undefined);
  }
  const claim: KeyClaim = { scope: once.scope, key: once.key, requestDigest: requestDigest(once.request) };
  const keys = (await ctx.storage()).idempotencyKeys;
  const known = await keys.find(claim.scope, claim.key);
  if (known !== null) return replay(ctx, known, claim, once.field);
  try {
    await admit(ctx);
    return await submitNew(ctx, input, claim);
  } catch (error) {
    // Another request took the key while this one was being checked: its proposal is the answer.
    if (error instanceof KeyTaken) return replay(ctx, error.record, claim, once.field);
    // Refused because the queue filled, perhaps with the proposal another request under the key
    // made meanwhile: then that proposal is the answer (a replay is never refused).
    const holder = error instanceof QueueFull ? await keys.find(claim.scope, claim.key) : null;
    if (holder !== null) return replay(ctx, holder, claim, once.field);
    throw error;
  }
}

/**
 * A quick refusal while the queue is full, before the costly checks (a project snapshot, a diff
 * applied). Not the admission itself: that is exact, in the transaction that writes the change.
 */
async function admit(ctx: AppContext): Promise<void> {
  const waiting = await waitingNow((await ctx.storage()).db);
  const max = ctx.config.PATCHPROOF_MAX_PENDING;
  if (waiting >= max) throw queueFull(waiting, max);
}

async function replay(ctx: AppContext, holder: KeyRecord, claim: KeyClaim, field: string): Promise<SubmittedView> {
  if (holder.requestDigest !== claim.requestDigest) {
    throw new InputError(`this idempotency key was used with another request (for proposal ${holder.proposalId}); use a new key for a new request`, { proposalId: holder.proposalId }, { code: 'conflict', field });
  }
  const storage = await ctx.storage();
  const proposal = await storage.db.getRepository(ProposalEntity).findOne({ select: SUMMARY_COLUMNS, where: { id: holder.proposalId } });
  if (proposal === null) throw new InputError(`proposal ${holder.proposalId} of this idempotency key is gone`, { proposalId: holder.proposalId }, { code: 'not_found', field });
  const project = await storage.projects.byNameOrId(proposal.projectId);
  return submittedView(proposal, project.name);
}

async function submitNew(ctx: AppContext, input: Submit, key: KeyClaim | undefined): Promise<SubmittedView> {
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
  const limits = changeLimits(ctx);
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
  const { proposal } = await submitProposal(storage, {
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
    key,
    maxPending: ctx.config.PATCHPROOF_MAX_PENDING,
  });
  if (proposal.status === 'pending') await storage.progress.append(proposal.id, 1, [{ type: 'queued', reason: 'queued for a worker' }]).catch(() => undefined);
  return submittedView(proposal, project.name);
}

/** As submitted; a replay tells the proposal's status now. */
function submittedView(proposal: ProposalSummary, project: string): SubmittedView {
  return {
    proposalId: proposal.id,
    project,
    status: proposal.status,
    reason: proposal.reason,
    // Set only when the verdict was reused.
    reusedFrom: proposal.reusedFrom,
    contentKey: proposal.contentKey,
    protectTests: proposal.protectTests,
    strict: proposal.strict,
    minChangedCoverage: proposal.minChangedCoverage,
    overrides: proposal.overrides,
    baseCommit: proposal.baseCommit,
  };
}
