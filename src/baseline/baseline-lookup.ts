/**
 * What a changed proposal finds when it needs its state's baseline: ready (compare with it, or
 * grade on its own when the baseline ran no tests), still to be made or being made (wait), or
 * given up on after its retries (an infrastructure error for the proposal too, never a verdict).
 */
import type { BaselineUse } from '../pipeline/validate-proposal.js';
import type { ProposalRow } from '../storage/entities/proposal-entity.js';
import type { BaselineStore } from './baseline-store.js';

export type BaselineLookup =
  | { readonly kind: 'ready'; readonly use: BaselineUse; readonly baseline: ProposalRow }
  | { readonly kind: 'wait'; readonly baseline: ProposalRow }
  | { readonly kind: 'failed'; readonly baseline: ProposalRow; readonly reason: string };

/**
 * Queues the state's baseline when there is none. `askedAt`: when the proposal was submitted; a
 * baseline finished before it was `reused` (made for an earlier proposal, or by hand).
 */
/** `baseCommit`: a git project's commit holding this state, for a baseline queued now. */
export async function lookUpBaseline(store: BaselineStore, stateKey: string, projectId: string, askedAt: number, baseCommit: string | null = null): Promise<BaselineLookup> {
  const baseline = await store.ensure(stateKey, projectId, baseCommit);
  if (baseline.status === 'pending' || baseline.status === 'running') return { kind: 'wait', baseline };
  if (baseline.status === 'error') return { kind: 'failed', baseline, reason: baseline.lastError ?? baseline.reason ?? 'its run failed' };
  const run = await store.latestRun(baseline.id);
  if (run === null) return { kind: 'failed', baseline, reason: 'it has no finished run' };
  const reused = run.validation.finishedAt <= askedAt;
  if (run.tests === null) return { kind: 'ready', baseline, use: { kind: 'unusable', validationId: run.validation.id, reason: run.validation.reason } };
  return { kind: 'ready', baseline, use: { kind: 'compare', tests: run.tests, reused, linesPct: run.validation.coverageLines, buildErrors: run.validation.buildErrors ?? null } };
}
