/**
 * Validating a folder now, start to finish (`validate`, later a blocking HTTP/MCP call). When the
 * folder is a registered project, its framework, test command, build step and defaults
 * (--protect-tests, --strict, --min-changed-coverage) apply unless the request names its own, and
 * all of it, with the request's overrides, goes into the content key as at intake. The proposal
 * is recorded already leased to this run (the validation id is the lease token), renewed while
 * it runs, and its progress kept for followers as a worker's is.
 */
import { randomUUID } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import type { Change } from '../../changes/change.js';
import { toStored } from '../../changes/change.js';
import { baselineNow } from '../../baseline/make-baseline.js';
import { baselineStateKey } from '../../baseline/state-key.js';
import { unchanged } from '../../baseline/unchanged.js';
import { InputError } from '../../errors/input-error.js';
import { snapshotDigest } from '../../project/project-snapshot.js';
import { ProposalLabels } from '../../intake/proposal-labels.js';
import { runStateDigest } from '../../intake/run-state-digest.js';
import { prepareProposal } from '../../pipeline/prepare.js';
import { askedOverrides } from '../../pipeline/request-overrides.js';
import type { RequestOverrides } from '../../pipeline/settings.js';
import { validateProposal } from '../../pipeline/validate-proposal.js';
import type { PendingRemovals } from '../../pipeline/removal-after-verdict.js';
import { resultWithoutRun } from '../../pipeline/validation-result.js';
import { infraOutcome } from '../../pipeline/outcome-code.js';
import { ProgressRecorder } from '../../progress/progress-recorder.js';
import { fanOut, NO_PROGRESS, type ProgressSink } from '../../progress/progress-sink.js';
import { workerIdentity } from '../../sandbox/labels.js';
import { contentKey } from '../../storage/content-key.js';
import { LeaseKeeper } from '../../../workers/lease-keeper.js';
import { projectSource } from '../../git/project-source.js';
import type { ProjectRow } from '../../storage/entities/project-entity.js';
import type { Storage } from '../../storage/storage.js';
import type { AppContext } from '../context.js';
import { resultView } from './result-view.js';
import type { ValidationResultView } from '../views/validation-result-view.js';

export interface ValidateNow {
  /** A folder, or the name of a registered git project. */
  readonly dir: string;
  /** A git project's branch, tag or commit to judge on; default its ref's commit now. */
  readonly base?: string | undefined;
  readonly changes?: readonly Change[] | undefined;
  /** Each null or absent: the registered project's setting (or detection, the toolchain's command, a build). */
  readonly framework?: string | null | undefined;
  readonly testCommand?: string | null | undefined;
  readonly noBuild?: boolean | undefined;
  readonly title?: string | null | undefined;
  readonly author?: string | null | undefined;
  readonly protectTests?: boolean | undefined;
  readonly strict?: boolean | undefined;
  readonly minChangedCoverage?: number | undefined;
  readonly overrides?: RequestOverrides | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Progress as it happens (the CLI's printer); the database keeps it for followers either way. */
  readonly progress?: ProgressSink | undefined;
  /** The baseline's own progress, when one is made first. */
  readonly baselineProgress?: ((line: string) => void) | undefined;
  /**
   * When given, the result comes back once the verdict is recorded, the used sandbox's removal
   * handed over here for the caller to settle before it ends (the CLI: after printing the result).
   * Without it the removal is part of the validation, as for every other door.
   */
  readonly removals?: PendingRemovals | undefined;
}

export async function validateNow(ctx: AppContext, input: ValidateNow): Promise<ValidationResultView> {
  const { config } = ctx;
  const labels = ProposalLabels.safeParse({ title: input.title ?? null, author: input.author ?? null });
  if (!labels.success) {
    const field = String(labels.error.issues[0]?.path[0] ?? 'title');
    throw new InputError(`${field} ${labels.error.issues[0]?.message ?? 'is invalid'}`, {}, { field });
  }
  // A request may ask for less than the configured limits, never for more: say so rather than cut it.
  const timeout = input.overrides?.timeoutS;
  if (timeout !== undefined && timeout > config.PATCHPROOF_TEST_TIMEOUT_S) {
    throw new InputError(`timeout ${timeout} is above the configured limit of ${config.PATCHPROOF_TEST_TIMEOUT_S} s (PATCHPROOF_TEST_TIMEOUT_S)`, { timeout }, { field: 'timeout' });
  }
  const testCommand = input.testCommand?.trim();
  if (testCommand === '') throw new InputError('the test command is empty', {}, { field: 'testCommand' });
  const storage = await ctx.storage();
  const { project, dir, baseCommit } = await target(storage, input.dir, input.base ?? null);
  const changes = input.changes ?? [];
  const run = {
    framework: input.framework ?? project.framework,
    testCommand: testCommand ?? project.testCommand,
    build: input.noBuild !== true && project.build,
  };
  const protectTests = input.protectTests === true || project.protectTests;
  const minChangedCoverage = input.minChangedCoverage ?? project.minChangedCoverage;
  const strict = input.strict === true || project.strict;
  const overrides = askedOverrides(input.overrides ?? {});
  const prepared = await prepareProposal(dir, changes, run.framework, undefined, { ...run, protectTests, minChangedCoverage });
  const docker = await ctx.engine();
  const settings = await ctx.settings(overrides);
  const leaseMs = config.PATCHPROOF_LEASE_S * 1000;
  const signal = input.signal ?? new AbortController().signal;
  // A change is graded against the project's baseline, made first when this state has none.
  const baselineKey = changes.length > 0 && !strict && prepared.fault === null ? baselineStateKey(prepared.snapshot, run) : null;
  const baseline =
    baselineKey === null
      ? null
      : await baselineNow(docker, storage, {
          project: { ...project, ...run },
          prepared: unchanged(prepared),
          stateKey: baselineKey,
          settings: await ctx.settings(),
          leaseMs,
          store: ctx.store,
          refresh: false,
          signal,
          onProgress: input.baselineProgress ?? (() => undefined),
        });
  const validationId = randomUUID();
  const stored = changes.map(toStored);
  const digest = runStateDigest(snapshotDigest(prepared.snapshot), { ...run, protectTests, strict, minChangedCoverage, overrides });
  const proposal = await storage.proposals.create({
    projectId: project.id,
    title: labels.data.title,
    author: labels.data.author,
    changes: stored,
    patch: null,
    contentKey: contentKey(digest, stored),
    priority: 0,
    protectTests,
    strict,
    baselineKey,
    minChangedCoverage,
    overrides,
    baseCommit,
    status: 'running',
    leaseOwner: validationId,
    leaseExpiresAt: Date.now() + leaseMs,
  });
  const aborter = new AbortController();
  const stop = () => aborter.abort();
  signal.addEventListener('abort', stop, { once: true });
  const lease = new LeaseKeeper(storage.queue, proposal.id, validationId, leaseMs, stop);
  const recorder = new ProgressRecorder(storage.progress, proposal.id);
  const events = fanOut(input.progress ?? NO_PROGRESS, recorder);
  events.emit({ type: 'claimed', validationId, worker: workerIdentity(), attempt: 1 });
  const failed = baseline?.lookup.kind === 'failed' ? baseline.lookup : null;
  let result;
  try {
    result = failed !== null
      ? resultWithoutRun(validationId, { outcome: 'error', code: infraOutcome('BASELINE_FAILED'), reason: `the baseline of this project state (${failed.baseline.id}) could not be made: ${failed.reason}` })
      : await validateProposal(docker, {
          proposalId: proposal.id,
          validationId,
          prepared,
          settings,
          onProgress: () => undefined,
          events,
          signal: aborter.signal,
          store: ctx.store,
          baseline: baseline?.lookup.kind === 'ready' ? baseline.lookup.use : null,
          removeAfter: input.removals?.add,
        });
  } finally {
    signal.removeEventListener('abort', stop);
    await lease.stop();
  }
  try {
    await storage.proposals.recordValidation(proposal.id, validationId, result, { status: result.outcome }, workerIdentity());
    events.emit({ type: 'verdict', validationId, outcome: result.outcome, reasonCode: result.code, reason: result.reason });
  } finally {
    await recorder.close(true);
  }
  return resultView(result, { proposalId: proposal.id, validationId });
}

/** A folder (registered now when it is not), or a registered git project by name at `base` (default its ref now). */
async function target(storage: Storage, key: string, base: string | null): Promise<{ project: ProjectRow; dir: string; baseCommit: string | null }> {
  const dir = await realpath(key).catch(() => null);
  if (dir === null) {
    const named = await storage.projects.byNameOrId(key).catch(() => null);
    if (named === null || named.gitUrl === null) throw new InputError(`project directory ${key} does not exist`, {}, { field: 'dir' });
    const source = await projectSource(named, base);
    return { project: named, dir: source.dir, baseCommit: source.commit };
  }
  // A folder has no commits: base is refused for it, naming the field, before anything is registered.
  if (base !== null) throw new InputError(`${key} is a folder, not a git project: it has no commits to name with base`, {}, { field: 'base' });
  return { project: await storage.projects.forDirectory(dir), dir, baseCommit: null };
}
