/**
 * The Think worker: takes pending proposals from the queue (priority, then age), validates each
 * through the pipeline while holding a renewed lease, and writes the outcome only while it still
 * holds that lease. Infrastructure errors are retried with backoff, then recorded as `error`.
 *
 * Stopping: `drain()` stops claiming and lets running validations finish; `abort()` stops them,
 * which removes their containers, and gives their proposals back to the queue.
 *
 * Over 300 lines: claim, lease, run and record are one proposal's life in the queue and read best
 * together; the phases themselves live in src/pipeline, housekeeping in its own files.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { lookUpBaseline } from '../src/baseline/baseline-lookup.js';
import { baselineStateKey } from '../src/baseline/state-key.js';
import { fromStored } from '../src/changes/change.js';
import { InfraError } from '../src/errors/infra-error.js';
import { InputError } from '../src/errors/input-error.js';
import { projectSource } from '../src/git/project-source.js';
import { prepareProposal } from '../src/pipeline/prepare.js';
import { storedOverrides } from '../src/pipeline/request-overrides.js';
import { narrowSettings, type PipelineSettings } from '../src/pipeline/settings.js';
import { ProgressRecorder } from '../src/progress/progress-recorder.js';
import type { ProgressSink } from '../src/progress/progress-sink.js';
import { type BaselineUse, validateProposal } from '../src/pipeline/validate-proposal.js';
import { resultWithoutRun, type ValidationResult } from '../src/pipeline/validation-result.js';
import { PendingRemovals } from '../src/pipeline/removal-after-verdict.js';
import { infraOutcome } from '../src/pipeline/outcome-code.js';
import { workerIdentity } from '../src/sandbox/labels.js';
import type { ProposalRow } from '../src/storage/entities/proposal-entity.js';
import type { Storage } from '../src/storage/storage.js';
import { TOOLCHAINS } from '../src/toolchains/registry.js';
import type { Toolchain } from '../src/toolchains/toolchain.js';
import { ValidationPools } from '../src/warm/validation-pools.js';
import { boundImageDisk } from './image-disk-bound.js';
import { sweepLeftovers } from './janitor.js';
import { LeaseKeeper } from './lease-keeper.js';
import { afterInfraError, type RetryPolicy } from './retry-policy.js';

export interface WorkerOptions {
  readonly concurrency: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly retry: RetryPolicy;
  /** This database's store label (see storage/data-source.ts). */
  readonly store: string;
  readonly settings: PipelineSettings;
  readonly toolchains?: readonly Toolchain[];
  /** Drain once no proposal is pending or running anywhere (batch use, scripts). */
  readonly untilIdle?: boolean;
  readonly log: (line: string) => void;
  /** Warm sandboxes kept ready (src/warm/validation-pools.ts); 0 or absent: every sandbox opens cold. */
  readonly warmSandboxes?: number;
  /** PATCHPROOF_IMAGE_DISK_MB in bytes: checked after each image build and at the prune schedule; absent: no bound. */
  readonly imageDiskBytes?: number | undefined;
}

interface Running {
  readonly proposalId: string;
  readonly aborter: AbortController;
  readonly done: Promise<void>;
}

export class ThinkWorker {
  readonly identity = workerIdentity();
  private readonly running = new Map<string, Running>();
  private draining = false;
  private wake: () => void = () => undefined;
  /** Outcomes written by this worker, for its closing line and for tests. */
  readonly finished = { executed: 0, rejected: 0, error: 0, retried: 0, released: 0, lost: 0, waited: 0 };
  /** Pristine sandboxes of the last project image validated; removed when the worker ends. */
  readonly warm: ValidationPools;

  constructor(
    private readonly docker: Docker,
    private readonly storage: Storage,
    private readonly options: WorkerOptions,
  ) {
    this.warm = new ValidationPools(docker, { size: options.warmSandboxes ?? 0, store: options.store, log: options.log });
  }

  get runningCount(): number {
    return this.running.size;
  }

  /** Runs until drained or aborted and every validation it started has ended. */
  async run(): Promise<void> {
    await this.housekeeping('start-up');
    let polls = 0;
    while (!this.draining) {
      if (this.running.size < this.options.concurrency) {
        const token = randomUUID();
        const proposal = await this.claim(token);
        if (proposal !== null) {
          this.start(proposal, token);
          continue;
        }
      }
      // Expired leases of dead workers go back to the queue every few idle polls.
      polls += 1;
      if (polls % 10 === 0) await this.reclaim();
      if (this.options.untilIdle === true && this.running.size === 0 && (await this.storage.queue.outstanding()) === 0) {
        this.options.log('nothing pending or running: stopping (--until-idle)');
        break;
      }
      await this.sleep(this.options.pollMs);
    }
    try {
      await Promise.allSettled([...this.running.values()].map((r) => r.done));
    } finally {
      await this.warm.stop();
    }
    // What dead workers left since the last sweep (a worker killed while removing a sandbox after
    // its verdict holds no lease, so no reclaim sweeps for it): gone before this worker is.
    await this.sweep('stop');
  }

  /** Stop claiming; running validations finish and are recorded. */
  drain(): void {
    this.draining = true;
    this.wake();
  }

  /** Stop everything now: running validations are killed and their proposals queued again. */
  abort(): void {
    this.drain();
    for (const r of this.running.values()) r.aborter.abort();
  }

  /** Janitor and expired leases: at start-up and whenever a schedule asks. */
  async housekeeping(when: string): Promise<void> {
    await this.reclaim();
    await this.sweep(when);
  }

  /** Least recently used project images removed while they take more than the bound (never one in use). */
  async boundImageDisk(): Promise<void> {
    if (this.options.imageDiskBytes !== undefined) await boundImageDisk(this.docker, this.storage.db, this.options.imageDiskBytes, this.options.log);
  }

  private async sweep(when: string): Promise<void> {
    try {
      const swept = await sweepLeftovers(this.docker, this.storage.queue, this.options.store);
      if (swept.containers.length + swept.volumes.length > 0) {
        this.options.log(`janitor (${when}): removed ${swept.containers.length} container(s) and ${swept.volumes.length} volume(s) left by validations no longer running`);
      }
    } catch (error) {
      // The engine may be down; validations will record that. The worker keeps going.
      this.options.log(`janitor (${when}) could not run: ${message(error)}`);
    }
  }

  private async reclaim(): Promise<void> {
    try {
      const reclaimed = await this.storage.queue.reclaimExpired();
      if (reclaimed > 0) {
        this.options.log(`queued again ${reclaimed} proposal(s) whose worker stopped renewing its lease`);
        // Their containers may still run (a killed worker cannot clean up): remove them now.
        await this.sweep('after reclaiming leases');
      }
    } catch (error) {
      this.options.log(`could not check for expired leases: ${message(error)}`);
    }
  }

  private async claim(token: string): Promise<ProposalRow | null> {
    try {
      return await this.storage.queue.claim(token, this.options.leaseMs);
    } catch (error) {
      this.options.log(`could not claim a proposal: ${message(error)}`);
      return null;
    }
  }

  private start(proposal: ProposalRow, token: string): void {
    const aborter = new AbortController();
    const done = this.validate(proposal, token, aborter)
      .catch((error: unknown) => this.options.log(`proposal ${proposal.id}: ${message(error)}`))
      .finally(() => {
        this.running.delete(token);
        this.wake();
      });
    this.running.set(token, { proposalId: proposal.id, aborter, done });
  }

  /** One proposal, start to end. The claim token is the validation's id and the lease owner. */
  private async validate(proposal: ProposalRow, token: string, aborter: AbortController): Promise<void> {
    const { log } = this.options;
    log(`proposal ${proposal.id} (attempt ${proposal.attempts}): validating as ${token}`);
    const lease = new LeaseKeeper(this.storage.queue, proposal.id, token, this.options.leaseMs, () => {
      log(`proposal ${proposal.id}: lease lost (another worker took it over); stopping this validation`);
      aborter.abort();
    }, (error) => log(`proposal ${proposal.id}: lease renewal failed, will retry: ${message(error)}`));
    // Followers (another process, another machine) read these from the database.
    const recorder = new ProgressRecorder(this.storage.progress, proposal.id);
    recorder.emit({ type: 'claimed', validationId: token, worker: this.identity, attempt: proposal.attempts });
    let ended = false;
    // A cold sandbox is removed once the verdict is recorded (removal-after-verdict.ts); the slot waits for it.
    const removals = new PendingRemovals();
    try {
      ended = await this.validateRecorded(proposal, token, aborter, lease, recorder, removals);
    } finally {
      // A run that ended keeps only its tail; one that goes back to the queue keeps its events.
      await recorder.close(ended);
      for (const failure of await removals.settle()) log(`proposal ${proposal.id}: ${failure} (left to the janitor)`);
    }
  }

  /** True when a verdict was recorded (the run ended); false when the proposal goes back to the queue. */
  private async validateRecorded(proposal: ProposalRow, token: string, aborter: AbortController, lease: LeaseKeeper, recorder: ProgressRecorder, removals: PendingRemovals): Promise<boolean> {
    const { log } = this.options;
    let result: ValidationResult | Waiting;
    try {
      result = await this.runPipeline(proposal, token, aborter.signal, recorder, removals);
    } catch (error) {
      // Ours (the database, most likely): give the proposal back rather than leave it leased.
      await lease.stop();
      await this.storage.queue.release(proposal.id, token, `its worker failed before recording a result: ${message(error)}`).catch(() => false);
      throw error;
    } finally {
      await lease.stop();
    }
    if (lease.isLost) {
      this.finished.lost += 1;
      return false;
    }
    if ('waitFor' in result) {
      // Its baseline is queued (or was just queued): the claim query holds it back until that ran.
      await this.storage.queue.waitForBaseline(proposal.id, token, result.waitFor);
      this.finished.waited += 1;
      log(`proposal ${proposal.id}: waiting for the baseline of its project state`);
      recorder.emit({ type: 'queued', reason: 'waiting for the baseline of its project state' });
      return false;
    }
    if (aborter.signal.aborted) {
      const back = await this.storage.queue.release(proposal.id, token, 'its worker stopped before the validation finished: queued again');
      this.finished.released += back ? 1 : 0;
      log(`proposal ${proposal.id}: stopped, ${back ? 'queued again' : 'lease already gone'}`);
      if (back) recorder.emit({ type: 'queued', reason: 'its worker stopped before the validation finished: queued again' });
      return false;
    }
    const next = result.outcome === 'error' ? afterInfraError(this.options.retry, proposal.attempts) : { status: result.outcome };
    try {
      await this.storage.proposals.recordValidation(proposal.id, token, result, next, this.identity, proposal.kind === 'baseline' ? 'baseline' : null);
    } catch (error) {
      if (error instanceof InfraError && error.code === 'LEASE_LOST') throw error;
      // Not recorded (the database failed us): queue it again now rather than when the lease runs out.
      await this.storage.queue.release(proposal.id, token, `its result could not be recorded: ${message(error)}`).catch(() => false);
      throw error;
    }
    if (result.imageBuilt) await this.boundImageDisk();
    if (next.status === 'pending') this.finished.retried += 1;
    else this.finished[next.status] += 1;
    log(`proposal ${proposal.id}: ${next.status === 'pending' ? `error, retry at ${new Date(next.notBefore).toISOString()}` : next.status} (${result.code}): ${result.reason}`);
    if (next.status === 'pending') {
      recorder.emit({ type: 'queued', reason: `retrying after: ${result.reason}` });
      return false;
    }
    recorder.emit({ type: 'verdict', validationId: token, outcome: next.status, reasonCode: result.code, reason: result.reason });
    return true;
  }

  private async runPipeline(proposal: ProposalRow, token: string, signal: AbortSignal, events: ProgressSink, removals: PendingRemovals): Promise<ValidationResult | Waiting> {
    const project = await this.storage.projects.byNameOrId(proposal.projectId);
    let prepared;
    try {
      // The flag as stored with the proposal (the project's default was applied at intake).
      // A git project's proposal is judged on its stored commit (a baseline of a folder state: the ref now).
      const source = await projectSource(project, proposal.baseCommit, { stored: true });
      prepared = await prepareProposal(source.dir, proposal.changes.map(fromStored), project.framework, this.options.toolchains ?? TOOLCHAINS, { ...project, protectTests: proposal.protectTests, minChangedCoverage: proposal.minChangedCoverage });
    } catch (error) {
      // The project changed under the proposal (moved, no tests any more): it cannot be judged as asked.
      // By code, not by class alone: the folder gone or without tests (project_unusable), or its stored
      // settings no longer valid (an unknown framework: invalid_input). Anything else is ours.
      if (!(error instanceof InputError && (error.code === 'project_unusable' || error.code === 'invalid_input'))) throw error;
      return resultWithoutRun(token, { outcome: 'rejected', code: 'project_unusable', reason: `the project at ${project.rootPath} cannot be validated: ${error.message}` });
    }
    const state = baselineStateKey(prepared.snapshot, project);
    let baseline: BaselineUse | null = null;
    if (proposal.kind === 'baseline') {
      if (state !== proposal.stateKey) {
        // The folder no longer holds the state this baseline is for: running it would record another.
        return resultWithoutRun(token, { outcome: 'error', code: infraOutcome('BASELINE_FAILED'), reason: `the project at ${project.rootPath} changed before its baseline ran: it no longer holds that state` });
      }
    } else if (prepared.changes.length > 0 && !proposal.strict && prepared.fault === null) {
      const found = await lookUpBaseline(this.storage.baselines, state, project.id, proposal.createdAt, proposal.baseCommit);
      if (found.kind === 'wait') return { waitFor: state };
      if (found.kind === 'failed') return resultWithoutRun(token, { outcome: 'error', code: infraOutcome('BASELINE_FAILED'), reason: `the baseline of this project state (${found.baseline.id}) could not be made: ${found.reason}` });
      baseline = found.use;
    }
    return validateProposal(this.docker, {
      proposalId: proposal.id,
      validationId: token,
      prepared,
      // A baseline is judged by its tests alone: a coverage minimum is the proposals' business.
      // A change runs under the overrides stored with it, on every run (revalidation, reclaimed lease).
      settings: proposal.kind === 'baseline' ? { ...this.options.settings, minCoverage: null } : narrowSettings(this.options.settings, storedOverrides(proposal.overrides)),
      onProgress: () => undefined,
      events,
      signal,
      store: this.options.store,
      ownerKind: proposal.kind === 'baseline' ? 'baseline' : 'validation',
      baseline,
      warm: this.warm,
      removeAfter: removals.add,
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/** A change whose baseline must run first: it goes back to the queue to wait for `waitFor`. */
interface Waiting {
  readonly waitFor: string;
}

function message(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message;
}
