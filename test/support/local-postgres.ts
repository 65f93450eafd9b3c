/**
 * A PostgreSQL server for the tests, made ready as CI needs it on a fresh machine: reuse one that
 * answers; else install Debian's postgresql when missing (as root), start its cluster, and make
 * a login role for the tests. Each caller gets a database of its own, dropped when done.
 * PATCHPROOF_TEST_DATABASE_URL points the tests at another server instead (its role must be
 * allowed to create databases).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROLE = 'patchproof_test';
const PASSWORD = 'patchproof_test';

export interface TestDatabase {
  readonly url: string;
  drop(): void;
}

export function createTestDatabase(): TestDatabase {
  const admin = process.env.PATCHPROOF_TEST_DATABASE_URL ?? ensureLocalServer();
  const name = `patchproof_test_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  psql(admin, `CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * What points a store at a fresh database of `backend`: a PostgreSQL database of its own (the
 * caller drops it) or a new SQLite file (`prefix` names its folder).
 */
export async function testDatabaseEnv(backend: 'sqlite' | 'postgres', prefix: string): Promise<{ env: Record<string, string>; database: TestDatabase | null }> {
  if (backend === 'postgres') {
    const database = createTestDatabase();
    return { env: { PATCHPROOF_DATABASE_URL: database.url }, database };
  }
  return { env: { PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), prefix)), 'db.sqlite') }, database: null };
}

function ensureLocalServer(): string {
  const url = `postgres://${ROLE}:${PASSWORD}@127.0.0.1:5432/postgres`;
  if (!answers()) {
    if (!existsSync('/usr/bin/pg_ctlcluster')) {
      run('apt-get', ['install', '-y', '-qq', 'postgresql'], { DEBIAN_FRONTEND: 'noninteractive' });
    }
    const clusters = run('pg_lsclusters', ['--no-header']).trim().split('\n').filter((l) => l.trim() !== '');
    const [version, cluster] = (clusters[0] ?? '').split(/\s+/);
    if (version === undefined || cluster === undefined) throw new Error('postgresql is installed but has no cluster (pg_lsclusters lists none)');
    run('pg_ctlcluster', [version, cluster, 'start']);
    for (let i = 0; i < 50 && !answers(); i++) execFileSync('sleep', ['0.2']);
    if (!answers()) throw new Error(`PostgreSQL cluster ${version}/${cluster} was started but does not answer`);
  }
  // Idempotent: the role is made once, with a password, allowed to create the per-test databases.
  run('runuser', ['-u', 'postgres', '--', 'psql', '-v', 'ON_ERROR_STOP=1', '-qc',
    `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${ROLE}') THEN CREATE ROLE ${ROLE} LOGIN CREATEDB PASSWORD '${PASSWORD}'; END IF; END $$;`]);
  return url;
}

function answers(): boolean {
  try {
    execFileSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']);
    return true;
  } catch {
    return false;
  }
}

function psql(url: string, sql: string): void {
  run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
}

function run(command: string, args: readonly string[], env: Record<string, string> = {}): string {
  try {
    return execFileSync(command, args, { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (cause) {
    const stderr = typeof cause === 'object' && cause !== null && 'stderr' in cause ? String(cause.stderr) : '';
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr.trim()}`, { cause });
  }
}
