/**
 * TypeORM's SQLite driver has one connection: two overlapping transactions in one process fail
 * ("cannot start a transaction within a transaction"). Every write goes through this queue, one
 * at a time, in arrival order. Writes are short; validations never run inside one.
 */
import type { DataSource, EntityManager } from 'typeorm';

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.db.transaction(work));
    // The queue goes on after a failure; the caller still sees it.
    this.tail = next.catch(() => undefined);
    return next;
  }
}
