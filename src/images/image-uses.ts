/**
 * When each project image was last used, from our own records (the engine keeps no such time):
 * the latest finish of a validation that ran in it. Images a validation of this process is using
 * right now are counted too (`markInUse`): from the image phase until its sandbox is released.
 */
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ValidationEntity } from '../storage/entities/validation-entity.js';

// Raw rows: PostgreSQL returns bigint aggregates as strings.
const lastUseSchema = z.array(z.object({ image: z.string(), last: z.coerce.number() }));

export async function imageLastUses(db: DataSource): Promise<Map<string, number>> {
  const rows = lastUseSchema.parse(
    await db.getRepository(ValidationEntity).createQueryBuilder('v').select('v.image', 'image').addSelect('MAX(v.finished_at)', 'last').where('v.image IS NOT NULL').groupBy('v.image').getRawMany(),
  );
  return new Map(rows.map((row) => [row.image, row.last]));
}

const inUse = new Map<string, number>();

/** Marks `tag` used by this process until the returned release is called (idempotent). */
export function markInUse(tag: string): () => void {
  inUse.set(tag, (inUse.get(tag) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (inUse.get(tag) ?? 1) - 1;
    if (left <= 0) inUse.delete(tag);
    else inUse.set(tag, left);
  };
}

export function imagesInUseHere(): ReadonlySet<string> {
  return new Set(inUse.keys());
}
