/**
 * TypeORM's SQLite driver has one connection: two overlapping transactions in one process fail
 * ("cannot start a transaction within a transaction"). Every write goes through this queue, one
 * at a time, in arrival order. Writes are short; validations never run inside one.
 *
 * Between processes SQLite answers SQLITE_BUSY without waiting when a transaction that has read
 * must upgrade to write after another process wrote (WAL snapshot rule; the busy timeout does not
 * apply). Such a transaction is rolled back whole, so it is retried whole, a few times.
 */
import type { DataSource, EntityManager } from 'typeorm';

const BUSY_RETRIES = 8;

export class WriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const next = this.tail.then(() => this.withBusyRetries(work));
    // The queue goes on after a failure; the caller still sees it.
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async withBusyRetries<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(work);
      } catch (error) {
        if (attempt >= BUSY_RETRIES || !isBusy(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * (0.5 + Math.random())));
      }
    }
  }
}

function isBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? error.code : 'driverError' in error && typeof error.driverError === 'object' && error.driverError !== null && 'code' in error.driverError ? error.driverError.code : undefined;
  return code === 'SQLITE_BUSY';
}
