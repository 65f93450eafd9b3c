/**
 * When each project image was last used, from our own records (the engine keeps no such time):
 * the latest finish of a validation that ran in it.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ValidationEntity } from './entities/validation-entity.js';

// Raw rows: PostgreSQL returns bigint aggregates as strings.
const lastUseSchema = z.array(z.object({ image: z.string(), last: z.coerce.number() }));

export async function imageLastUses(db: DataSource): Promise<Map<string, number>> {
  const rows = lastUseSchema.parse(
    await db.getRepository(ValidationEntity).createQueryBuilder('v').select('v.image', 'image').addSelect('MAX(v.finished_at)', 'last').where('v.image IS NOT NULL').groupBy('v.image').getRawMany(),
  );
  return new Map(rows.map((row) => [row.image, row.last]));
}

