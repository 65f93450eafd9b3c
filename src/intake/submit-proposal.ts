/**
 * Taking in one proposal for the queue. Everything is checked before anything is stored: the
 * project must be registered and still recognisable, the changes valid. A change that cannot
 * apply (a hunk that does not match, a delete of a missing file) is recorded at once as rejected
 * with that reason: it is the proposal's fault and no run would change it. Identical content
 * against an unchanged project reuses the earlier verdict unless a re-run is asked for.
 */
import type { Change } from '../changes/change.js';
import { toStored } from '../changes/change.js';
import { type ProjectSnapshot, snapshotDigest } from '../project/project-snapshot.js';
import { baselineRow } from '../baseline/baseline-store.js';
import { baselineStateKey } from '../baseline/state-key.js';
import { prepareProposal } from '../pipeline/prepare.js';
import { contentKey, unappliedPatchKey } from '../storage/content-key.js';
import type { ProposalRow } from '../storage/entities/proposal-entity.js';
import type { KeyClaim } from '../storage/idempotency-key-store.js';
import type { ProposalSummary } from '../storage/proposal-store.js';
import type { Storage } from '../storage/storage.js';
import type { ProposalFault } from '../errors/proposal-fault.js';
import type { RequestOverrides } from '../pipeline/settings.js';
import { runStateDigest } from './run-state-digest.js';

export interface Submission {
  readonly project: string;
  /** Whole-file changes, from a changes file or from a diff already applied to the project. */
  readonly changes: readonly Change[];
  /** The diff as submitted, kept for the record. */
  readonly patch: string | null;
  /** Set when the diff did not apply: the proposal is recorded as rejected for it. */
  readonly patchFault: ProposalFault | null;
  readonly title: string | null;
  readonly author: string | null;
  readonly priority: number;
  readonly rerun: boolean;
  /** --protect-tests asked for; the project's default applies too. */
  readonly protectTests: boolean;
  /** --strict asked for (graded absolutely); the project's default applies too. */
  readonly strict?: boolean;
  /** --min-changed-coverage asked for (percent); the project's default applies when absent. */
  readonly minChangedCoverage?: number | undefined;
  /** The snapshot a diff was applied to, so the proposal is judged on the same files; else one is taken. */
  readonly snapshot?: ProjectSnapshot | undefined;
  /** Request overrides (timeout, memory, ...): stored, used by every run, part of the content key. */
  readonly overrides?: RequestOverrides | null | undefined;
  /** Where the project's files are read (a git project's exported commit); default its folder. */
  readonly sourceDir?: string | undefined;
  /** A git project's commit the proposal is judged on (full id). */
  readonly baseCommit?: string | null | undefined;
  /** An idempotency key, taken with the proposal in one transaction (KeyTaken when another holds it). */
  readonly key?: KeyClaim | undefined;
  /** PATCHPROOF_MAX_PENDING: a change to queue is admitted in its own transaction (QueueFull past it). */
  readonly maxPending: number;
}

export interface Submitted {
  readonly proposal: ProposalRow;
  /** The earlier proposal whose verdict was reused, or null when this one is queued or judged. */
  readonly reusedFrom: ProposalSummary | null;
}

export async function submitProposal(storage: Storage, submission: Submission): Promise<Submitted> {
  const project = await storage.projects.byNameOrId(submission.project);
  const protectTests = submission.protectTests || project.protectTests;
  const strict = submission.strict === true || project.strict;
  const minChangedCoverage = submission.minChangedCoverage ?? project.minChangedCoverage;
  const prepared = await prepareProposal(submission.sourceDir ?? project.rootPath, submission.changes, project.framework, undefined, { ...project, protectTests, minChangedCoverage }, submission.snapshot);
  const stored = submission.changes.map(toStored);
  // How the project is run belongs to its state: another test command may judge differently, and
  // a verdict given without --protect-tests (or --strict, or a changed-line minimum) says nothing
  // about one asked with it.
  const overrides = submission.overrides ?? null;
  const digest = runStateDigest(snapshotDigest(prepared.snapshot), { ...project, protectTests, strict, minChangedCoverage, overrides });
  // A change is graded against the baseline of the state it applies to, unless --strict.
  const baselineKey = stored.length > 0 && !strict ? baselineStateKey(prepared.snapshot, project) : null;
  const key = submission.patchFault !== null && submission.patch !== null ? unappliedPatchKey(digest, submission.patch) : contentKey(digest, stored);
  const base = {
    projectId: project.id,
    title: submission.title,
    author: submission.author,
    changes: stored,
    patch: submission.patch,
    contentKey: key,
    priority: submission.priority,
    protectTests,
    strict,
    baselineKey,
    minChangedCoverage,
    overrides,
    baseCommit: submission.baseCommit ?? null,
  };
  const fault = submission.patchFault ?? prepared.fault;
  if (fault !== null) {
    return { proposal: await storage.proposals.create({ ...base, status: 'rejected', reason: fault.message }, submission.key), reusedFrom: null };
  }
  if (!submission.rerun) {
    const earlier = await storage.proposals.findReusable(project.id, key);
    if (earlier !== null && (earlier.status === 'executed' || earlier.status === 'rejected')) {
      const proposal = await storage.proposals.create({
        ...base,
        status: earlier.status,
        reason: `same project state and changes as proposal ${earlier.reusedFrom ?? earlier.id}, whose verdict is reused: ${earlier.reason ?? earlier.status}`,
        // Always the proposal that really ran, not another reuse.
        reusedFrom: earlier.reusedFrom ?? earlier.id,
      }, submission.key);
      return { proposal, reusedFrom: earlier };
    }
  }
  // The state's baseline is queued in the change's own admission (when it has none yet): both or
  // neither, so a refused change leaves no baseline behind and a worker finds the baseline first.
  const baseline = baselineKey === null || (await storage.baselines.find(baselineKey)) !== null ? null : baselineRow(baselineKey, project.id, submission.baseCommit ?? null, Date.now());
  return { proposal: await storage.proposals.create({ ...base, status: 'pending' }, submission.key, { max: submission.maxPending, baseline }), reusedFrom: null };
}
