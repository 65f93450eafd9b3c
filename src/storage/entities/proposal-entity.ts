/**
 * A proposed change to a project and where it stands. `pending` and `running` are on the way;
 * `executed` (its tests ran and passed), `rejected` (the change's fault, with a reason) and
 * `error` (ours or the engine's: retried, never a rejection) are outcomes.
 */
import { EntitySchema } from 'typeorm';
import type { StoredChange } from '../../changes/change.js';

export const PROPOSAL_STATUSES = ['pending', 'running', 'executed', 'rejected', 'error'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRow {
  id: string;
  projectId: string;
  title: string | null;
  author: string | null;
  changes: StoredChange[];
  status: ProposalStatus;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ProposalEntity = new EntitySchema<ProposalRow>({
  name: 'Proposal',
  tableName: 'proposals',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    projectId: { name: 'project_id', type: 'varchar', length: 36 },
    title: { type: 'varchar', length: 500, nullable: true },
    author: { type: 'varchar', length: 200, nullable: true },
    changes: { type: 'simple-json' },
    status: { type: 'varchar', length: 16 },
    reason: { type: 'text', nullable: true },
    createdAt: { name: 'created_at', type: 'datetime', createDate: true },
    updatedAt: { name: 'updated_at', type: 'datetime', updateDate: true },
  },
  indices: [{ name: 'idx_proposals_status', columns: ['status'] }],
});
