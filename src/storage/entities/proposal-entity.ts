/**
 * A proposed change to a project and where it stands in the queue. `pending` waits for a worker,
 * `running` is leased to one; `executed` (its tests ran and passed), `rejected` (the change's
 * fault, with a reason) and `error` (ours or the engine's, after retries) are outcomes.
 */
import { EntitySchema } from 'typeorm';
import type { StoredChange } from '../../changes/change.js';
import type { RequestOverrides } from '../../pipeline/settings.js';
import { epochMs } from './bigint-number.js';

export const PROPOSAL_STATUSES = ['pending', 'running', 'executed', 'rejected', 'error'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** `change`: an agent's proposal; `baseline`: the run of the unchanged project at one state. */
export type ProposalKind = 'change' | 'baseline';

export interface ProposalRow {
  id: string;
  projectId: string;
  kind: ProposalKind;
  /** For a baseline: the project state it runs (baseline/state-key.ts), unique among baselines. */
  stateKey: string | null;
  /** For a change graded against a baseline: the state whose baseline it waits for; null when none is needed. */
  baselineKey: string | null;
  /** --strict: graded absolutely (every test must pass) even though it changes the project. */
  strict: boolean;
  title: string | null;
  author: string | null;
  changes: StoredChange[];
  /** The unified diff as submitted, when the proposal came as one. */
  patch: string | null;
  /** sha256 of the project's state and the changes: equal keys, equal outcome. */
  contentKey: string;
  /** The earlier proposal whose outcome this one reused, instead of running again. */
  reusedFrom: string | null;
  status: ProposalStatus;
  reason: string | null;
  priority: number;
  /** --protect-tests: every run of this proposal rejects edits of existing tests and test support. */
  protectTests: boolean;
  /** --min-changed-coverage (percent): every run of this proposal is judged with it; null: none. */
  minChangedCoverage: number | null;
  /** What the request asked of the limits (timeout, memory, ...): every run of the proposal uses them; null: none. */
  overrides: RequestOverrides | null;
  /** A git project's commit (full id) the proposal is judged on, fixed at submission; null: a folder project. */
  baseCommit: string | null;
  attempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
  /** Not to be claimed before this time (backoff after an infrastructure error). */
  notBefore: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export const ProposalEntity = new EntitySchema<ProposalRow>({
  name: 'Proposal',
  tableName: 'proposals',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    projectId: { name: 'project_id', type: 'varchar', length: 36 },
    kind: { type: 'varchar', length: 16, default: 'change' },
    stateKey: { name: 'state_key', type: 'varchar', length: 64, nullable: true },
    baselineKey: { name: 'baseline_key', type: 'varchar', length: 64, nullable: true },
    strict: { name: 'strict_grading', type: 'boolean', default: false },
    title: { type: 'varchar', length: 500, nullable: true },
    author: { type: 'varchar', length: 200, nullable: true },
    changes: { type: 'simple-json' },
    patch: { type: 'text', nullable: true },
    contentKey: { name: 'content_key', type: 'varchar', length: 64 },
    reusedFrom: { name: 'reused_from', type: 'varchar', length: 36, nullable: true },
    status: { type: 'varchar', length: 16 },
    reason: { type: 'text', nullable: true },
    priority: { type: 'integer', default: 0 },
    protectTests: { name: 'protect_tests', type: 'boolean', default: false },
    minChangedCoverage: { name: 'min_changed_coverage', type: 'real', nullable: true },
    overrides: { type: 'simple-json', nullable: true },
    baseCommit: { name: 'base_commit', type: 'varchar', length: 64, nullable: true },
    attempts: { type: 'integer', default: 0 },
    leaseOwner: { name: 'lease_owner', type: 'varchar', length: 200, nullable: true },
    leaseExpiresAt: epochMs('lease_expires_at', true),
    notBefore: epochMs('not_before', true),
    lastError: { name: 'last_error', type: 'text', nullable: true },
    createdAt: epochMs('created_at'),
    updatedAt: epochMs('updated_at'),
  },
  indices: [
    { name: 'idx_proposals_queue', columns: ['status', 'priority', 'createdAt'] },
    { name: 'idx_proposals_content_key', columns: ['contentKey'] },
  ],
});
