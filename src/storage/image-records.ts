/** What a project's newest validations recorded about its image (`projects show`): the dependencies installed, the files rewritten. */
import type { DataSource } from 'typeorm';
import type { DependencyRecord } from '../images/dependency-record.js';
import { ProposalEntity } from './entities/proposal-entity.js';
import { ValidationEntity, type ValidationRow } from './entities/validation-entity.js';

/** The newest record of the project's own manifests: one a proposal's changed manifests installed is not the project's. */
export async function latestDependencies(db: DataSource, projectId: string): Promise<{ validationId: string; finishedAt: number; record: DependencyRecord } | null> {
  const rows = await db
    .getRepository(ValidationEntity)
    .createQueryBuilder('v')
    .innerJoin(ProposalEntity.options.name, 'p', 'p.id = v.proposal_id')
    .where('p.project_id = :projectId', { projectId })
    .andWhere('v.dependencies IS NOT NULL')
    .orderBy('v.finished_at', 'DESC')
    .limit(LOOKED_AT)
    .getMany();
  const row = rows.find((r) => r.dependencies != null && r.dependencies.fromChanges !== true);
  if (row === undefined || row.dependencies == null) return null;
  return { validationId: row.id, finishedAt: row.finishedAt, record: row.dependencies };
}

/** How many of the newest records are looked through (a project's own image is validated often: every baseline). */
const LOOKED_AT = 50;

/** What the project's latest validation that recorded them rewrote in its image (Maven POMs); null when none did. */
export async function latestImageRewrites(db: DataSource, projectId: string): Promise<ValidationRow['imageRewrites'] | null> {
  const row = await db
    .getRepository(ValidationEntity)
    .createQueryBuilder('v')
    .innerJoin(ProposalEntity.options.name, 'p', 'p.id = v.proposalId')
    .where('p.projectId = :projectId', { projectId })
    .andWhere('v.imageRewrites IS NOT NULL')
    .orderBy('v.startedAt', 'DESC')
    .limit(1)
    .getOne();
  return row?.imageRewrites ?? null;
}
