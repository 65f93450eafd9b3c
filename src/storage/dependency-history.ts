/** The newest install of a project's declared dependencies, as its validations recorded it (`projects show`). */
import type { DataSource } from 'typeorm';
import type { DependencyRecord } from '../images/dependency-record.js';
import { ProposalEntity } from './entities/proposal-entity.js';
import { ValidationEntity } from './entities/validation-entity.js';

export async function latestDependencies(db: DataSource, projectId: string): Promise<{ validationId: string; finishedAt: number; record: DependencyRecord } | null> {
  const row = await db
    .getRepository(ValidationEntity)
    .createQueryBuilder('v')
    .innerJoin(ProposalEntity.options.name, 'p', 'p.id = v.proposal_id')
    .where('p.project_id = :projectId', { projectId })
    .andWhere('v.dependencies IS NOT NULL')
    .orderBy('v.finished_at', 'DESC')
    .getOne();
  if (row === null || row.dependencies == null) return null;
  return { validationId: row.id, finishedAt: row.finishedAt, record: row.dependencies };
}
