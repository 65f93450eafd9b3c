/** The database and the stores over it, opened once per process. */
import type { DataSource } from 'typeorm';
import { BaselineStore } from '../baseline/baseline-store.js';
import type { Config } from '../config.js';
import { openDatabase } from './data-source.js';
import { DashboardSessionStore } from './dashboard-session-store.js';
import { IdempotencyKeyStore } from './idempotency-key-store.js';
import { JobStore } from './job-store.js';
import { ProgressStore } from './progress-store.js';
import { ProjectStore } from './project-store.js';
import { ProposalQueue } from './proposal-queue.js';
import { ProposalStore } from './proposal-store.js';
import { WriteQueue } from './write-queue.js';

export interface Storage {
  readonly db: DataSource;
  readonly projects: ProjectStore;
  readonly proposals: ProposalStore;
  readonly queue: ProposalQueue;
  readonly baselines: BaselineStore;
  readonly progress: ProgressStore;
  readonly jobs: JobStore;
  readonly idempotencyKeys: IdempotencyKeyStore;
  readonly dashboardSessions: DashboardSessionStore;
  close(): Promise<void>;
}

export async function openStorage(config: Config): Promise<Storage> {
  const db = await openDatabase(config);
  const writes = new WriteQueue(db);
  return {
    db,
    projects: new ProjectStore(db, writes),
    proposals: new ProposalStore(db, writes),
    queue: new ProposalQueue(db, writes),
    baselines: new BaselineStore(db, writes),
    progress: new ProgressStore(db, writes),
    jobs: new JobStore(db, writes),
    idempotencyKeys: new IdempotencyKeyStore(db, writes),
    dashboardSessions: new DashboardSessionStore(db, writes),
    close: () => db.destroy(),
  };
}
