/**
 * A baseline made in this process (validate, `patchproof baseline`), through the same row a
 * worker would claim: leased to this run, renewed while it runs, recorded only while held. When a
 * worker is making it already, this waits for that run instead of making a second.
 */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { InfraError } from '../errors/infra-error.js';
import { LeaseKeeper } from '../../workers/lease-keeper.js';
import type { PreparedProposal } from '../pipeline/prepare.js';
import type { PipelineSettings } from '../pipeline/settings.js';
import { validateProposal } from '../pipeline/validate-proposal.js';
import { workerIdentity } from '../sandbox/labels.js';
import type { ProjectRow } from '../storage/entities/project-entity.js';
import type { Storage } from '../storage/storage.js';
import { type BaselineLookup, lookUpBaseline } from './baseline-lookup.js';

export interface BaselineRequest {
  readonly project: ProjectRow;
  /** The project unchanged, as it is run (its toolchain, test command, build step). */
  readonly prepared: PreparedProposal;
  readonly stateKey: string;
  readonly settings: PipelineSettings;
  readonly leaseMs: number;
  readonly store: string;
  /** Run it again even when one exists (--refresh). */
  readonly refresh: boolean;
  readonly signal: AbortSignal;
  readonly onProgress: (line: string) => void;
}

export interface MadeBaseline {
  readonly lookup: Exclude<BaselineLookup, { kind: 'wait' }>;
  /** Whether this process ran it now (false: it existed, or another process made it). */
  readonly made: boolean;
}

const WAIT_POLL_MS = 500;
const MAX_TAKE_TURNS = 20;

export async function baselineNow(docker: Docker, storage: Storage, request: BaselineRequest): Promise<MadeBaseline> {
  const askedAt = Date.now();
  let again = request.refresh;
  let missed = 0;
  for (;;) {
    if (request.signal.aborted) throw new InfraError('ABORTED', 'the baseline was interrupted before it finished');
    const found = await lookUpBaseline(storage.baselines, request.stateKey, request.project.id, again ? 0 : askedAt);
    if (found.kind === 'ready' && !again) return { lookup: found, made: false };
    if (found.baseline.status === 'running') {
      // A worker (or another validate) is making it: its run is as fresh as one made here.
      again = false;
      await sleep(WAIT_POLL_MS);
      continue;
    }
    const token = randomUUID();
    if (!(await storage.baselines.takeNow(found.baseline.id, token, request.leaseMs, request.project.id, again))) {
      // Taken by another process between the look-up and the lease: look again, a bounded number of times.
      missed += 1;
      if (missed >= MAX_TAKE_TURNS) throw new InfraError('BASELINE_FAILED', `the baseline ${found.baseline.id} could not be leased after ${missed} tries`, { baselineId: found.baseline.id });
      await sleep(WAIT_POLL_MS);
      continue;
    }
    const aborter = new AbortController();
    const stop = () => aborter.abort();
    request.signal.addEventListener('abort', stop, { once: true });
    const lease = new LeaseKeeper(storage.queue, found.baseline.id, token, request.leaseMs, stop);
    try {
      const result = await validateProposal(docker, {
        proposalId: found.baseline.id,
        validationId: token,
        prepared: request.prepared,
        settings: { ...request.settings, minCoverage: null },
        onProgress: request.onProgress,
        signal: aborter.signal,
        store: request.store,
        ownerKind: 'baseline',
      }).finally(() => lease.stop());
      await storage.proposals.recordValidation(found.baseline.id, token, result, { status: result.outcome }, workerIdentity(), 'baseline');
    } catch (error) {
      await storage.queue.release(found.baseline.id, token, 'its run was stopped before it finished').catch(() => false);
      throw error;
    } finally {
      request.signal.removeEventListener('abort', stop);
    }
    const after = await lookUpBaseline(storage.baselines, request.stateKey, request.project.id, 0);
    if (after.kind === 'wait') continue;
    // Made here: not reused by the proposal that asked for it.
    return { lookup: after.kind === 'ready' && after.use.kind === 'compare' ? { ...after, use: { ...after.use, reused: false } } : after, made: true };
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
