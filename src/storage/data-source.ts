/**
 * The database: a SQLite file by default, in WAL mode with a bounded busy timeout. The schema
 * comes only from migrations/, run at start-up; synchronize is never used.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { InitialSchema1763900000000 } from '../../migrations/1763900000000-initial-schema.js';
import type { Config } from '../config.js';
import { InfraError } from '../errors/infra-error.js';
import { ProjectEntity } from './entities/project-entity.js';
import { ProposalEntity } from './entities/proposal-entity.js';
import { TestCaseEntity } from './entities/test-case-entity.js';
import { ValidationEntity } from './entities/validation-entity.js';

export const ENTITIES = [ProjectEntity, ProposalEntity, ValidationEntity, TestCaseEntity];
export const MIGRATIONS = [InitialSchema1763900000000];

export async function openDatabase(config: Pick<Config, 'PATCHPROOF_DB_PATH' | 'PATCHPROOF_DB_BUSY_TIMEOUT_MS'>): Promise<DataSource> {
  const database = resolve(config.PATCHPROOF_DB_PATH);
  mkdirSync(dirname(database), { recursive: true });
  const dataSource = new DataSource({
    type: 'sqlite',
    database,
    enableWAL: true,
    busyTimeout: config.PATCHPROOF_DB_BUSY_TIMEOUT_MS,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
  } catch (cause) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw new InfraError('STORAGE_FAILED', `could not open the database at ${database}`, { database }, { cause });
  }
  return dataSource;
}
