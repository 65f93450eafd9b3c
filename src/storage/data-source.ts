/**
 * The database: a SQLite file by default, in WAL mode with a bounded busy timeout; PostgreSQL
 * when PATCHPROOF_DATABASE_URL names one (several workers on several machines). The schema comes
 * only from migrations/, run at start-up; synchronize is never used.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { InitialSchema1763900000000 } from '../../migrations/1763900000000-initial-schema.js';
import { TestEdits1764600000000 } from '../../migrations/1764600000000-test-edits.js';
import { ValidationTruncated1764600001000 } from '../../migrations/1764600001000-validation-truncated.js';
import { TestIdentity1764700000000 } from '../../migrations/1764700000000-test-identity.js';
import { Baselines1764700001000 } from '../../migrations/1764700001000-baselines.js';
import { ChangedLineCoverage1764700002000 } from '../../migrations/1764700002000-changed-line-coverage.js';
import { DeclaredDependencies1764900005000 } from '../../migrations/1764900005000-declared-dependencies.js';
import { ImageRewrites1764900003000 } from '../../migrations/1764900003000-image-rewrites.js';
import { BuildErrors1764900006000 } from '../../migrations/1764900006000-build-errors.js';
import { AppLayer1764800000000 } from '../../migrations/1764800000000-app-layer.js';
import { WarmSandbox1764900002000 } from '../../migrations/1764900002000-warm-sandbox.js';
import { GitProjects1764900004000 } from '../../migrations/1764900004000-git-projects.js';
import { Jobs1764900007000 } from '../../migrations/1764900007000-jobs.js';
import { JobDeletion1764900008000 } from '../../migrations/1764900008000-job-deletion.js';
import { IdempotencyKeys1764900009000 } from '../../migrations/1764900009000-idempotency-keys.js';
import { DashboardSessions1764900010000 } from '../../migrations/1764900010000-dashboard-sessions.js';
import { JobLog1764900011000 } from '../../migrations/1764900011000-job-log.js';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { ProjectEntity } from './entities/project-entity.js';
import { ProposalEntity } from './entities/proposal-entity.js';
import { TestCaseEntity } from './entities/test-case-entity.js';
import { ValidationEntity } from './entities/validation-entity.js';

export const ENTITIES = [ProjectEntity, ProposalEntity, ValidationEntity, TestCaseEntity];
export const MIGRATIONS = [InitialSchema1763900000000, TestEdits1764600000000, ValidationTruncated1764600001000, TestIdentity1764700000000, Baselines1764700001000, ChangedLineCoverage1764700002000, AppLayer1764800000000, WarmSandbox1764900002000, ImageRewrites1764900003000, GitProjects1764900004000, DeclaredDependencies1764900005000, BuildErrors1764900006000, Jobs1764900007000, JobDeletion1764900008000, IdempotencyKeys1764900009000, DashboardSessions1764900010000, JobLog1764900011000];

type DatabaseConfig = Pick<Config, 'PATCHPROOF_DB_PATH' | 'PATCHPROOF_DB_BUSY_TIMEOUT_MS' | 'PATCHPROOF_DATABASE_URL'>;

/** The store label of this database: the janitor touches only containers recorded here. */
export function storeLabel(config: DatabaseConfig): string {
  return createHash('sha256').update(databaseLocation(config)).digest('hex').slice(0, 16);
}

/** Where the data lives, without credentials: for messages and for the janitor's store label. */
export function databaseLocation(config: DatabaseConfig): string {
  if (config.PATCHPROOF_DATABASE_URL === undefined) return `sqlite:${resolve(config.PATCHPROOF_DB_PATH)}`;
  const url = new URL(config.PATCHPROOF_DATABASE_URL);
  return `postgres://${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

export async function openDatabase(config: DatabaseConfig): Promise<DataSource> {
  const database = databaseLocation(config);
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  let dataSource: DataSource;
  if (config.PATCHPROOF_DATABASE_URL !== undefined) {
    dataSource = new DataSource({ type: 'postgres', url: config.PATCHPROOF_DATABASE_URL, ...common, extra: { max: 10, connectionTimeoutMillis: config.PATCHPROOF_DB_BUSY_TIMEOUT_MS } });
  } else {
    const file = resolve(config.PATCHPROOF_DB_PATH);
    mkdirSync(dirname(file), { recursive: true });
    dataSource = new DataSource({ type: 'sqlite', database: file, enableWAL: true, busyTimeout: config.PATCHPROOF_DB_BUSY_TIMEOUT_MS, ...common });
  }
  try {
    await dataSource.initialize();
    // WAL with synchronous=NORMAL: a commit no longer waits for an fsync (the WAL is synced at each
    // checkpoint); a crash of the process loses nothing, a power cut at most the last commits,
    // whose proposals then come back to the queue with their expired leases. Per connection.
    if (dataSource.options.type === 'sqlite') await dataSource.query('PRAGMA synchronous = NORMAL');
    await migrate(dataSource);
  } catch (cause) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw new InfraError('STORAGE_FAILED', `could not open the database at ${database}`, { database }, { cause });
  }
  return dataSource;
}

/**
 * Runs pending migrations once even when several workers start together: PostgreSQL serialises
 * them with an advisory lock; on SQLite the loser of the race finds the work done.
 */
async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    // SQLite has no advisory lock: the loser of a race fails on a table the winner just made;
    // once the winner's transaction commits, trying again finds nothing left to do.
    for (let attempt = 1; ; attempt++) {
      try {
        await dataSource.runMigrations({ transaction: 'all' });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
}

/** Any fixed 64-bit number, the same in every patchproof process. */
const MIGRATION_LOCK = 7_461_636_866_001;
