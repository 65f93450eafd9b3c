/**
 * The dependencies most recently recorded for a project (any of its validations or baselines):
 * what `projects show` says the image installed and from which lock file.
 */
import type { DataSource } from 'typeorm';
import { DependencyRecord } from '../toolchains/dependency-record.js';
import { ProposalEntity } from './entities/proposal-entity.js';
import { ValidationEntity } from './entities/validation-entity.js';

export async function latestDependencies(db: DataSource, projectId: string): Promise<DependencyRecord | null> {
  const row = await db
    .getRepository(ValidationEntity)
    .createQueryBuilder('v')
    .innerJoin(ProposalEntity.options.name, 'p', 'p.id = v.proposalId')
    .where('p.projectId = :projectId', { projectId })
    .andWhere('v.dependencies IS NOT NULL')
    .orderBy('v.finishedAt', 'DESC')
    .limit(1)
    .getOne();
  // Stored JSON is outside data to the reader: checked again.
  const parsed = DependencyRecord.safeParse(row?.dependencies ?? null);
  return parsed.success ? parsed.data : null;
}
