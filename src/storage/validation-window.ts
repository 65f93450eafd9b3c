/**
 * A proposal's validations a window at a time, newest first from a position: the newest
 * `withTests` with their test cases, then up to `summaries` older ones without. A proposal
 * revalidated many times, each with thousands of tests, is never read (or answered) whole.
 */
import { LessThan, type DataSource } from 'typeorm';
import { TestCaseEntity, type TestCaseRow } from './entities/test-case-entity.js';
import { ValidationEntity, type ValidationRow } from './entities/validation-entity.js';

/** A validation's place in the order: its start, then its id (the app's page cursors carry it). */
export interface ValidationPosition {
  readonly createdAt: number;
  readonly id: string;
}

export interface ValidationWindowSize {
  readonly withTests: number;
  readonly summaries: number;
}

export interface ValidationWindow {
  /** Oldest first, each with its tests. */
  readonly validations: readonly { readonly validation: ValidationRow; readonly tests: readonly TestCaseRow[] }[];
  /** Older than those, oldest first, without tests. */
  readonly older: readonly ValidationRow[];
  /** Every validation of the proposal. */
  readonly total: number;
}

/** `before`: only validations older than this position (startedAt, id); null: from the newest. */
export async function validationWindow(db: DataSource, proposalId: string, size: ValidationWindowSize, before: ValidationPosition | null): Promise<ValidationWindow> {
  const repo = db.getRepository(ValidationEntity);
  const where = before === null ? { proposalId } : [{ proposalId, startedAt: LessThan(before.createdAt) }, { proposalId, startedAt: before.createdAt, id: LessThan(before.id) }];
  const [rows, total] = await Promise.all([repo.find({ where, order: { startedAt: 'DESC', id: 'DESC' }, take: size.withTests + size.summaries }), repo.count({ where: { proposalId } })]);
  const validations = [];
  for (const validation of rows.slice(0, size.withTests)) {
    const tests = await db.getRepository(TestCaseEntity).find({ where: { validationId: validation.id }, order: { id: 'ASC' } });
    validations.push({ validation, tests });
  }
  return { validations: validations.reverse(), older: rows.slice(size.withTests).reverse(), total };
}
