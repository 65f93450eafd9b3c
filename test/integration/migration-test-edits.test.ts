/**
 * Migration 1764600000000 on a database that already holds records, on SQLite and PostgreSQL:
 * old proposals and projects read back without --protect-tests, old validations without a list of
 * edits, and new records keep both.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { InitialSchema1763900000000 } from '../../migrations/1763900000000-initial-schema.js';
import { loadConfig } from '../../src/config.js';
import { NO_TEST_EDITS } from '../../src/pipeline/test-edits.js';
import { resultWithoutRun } from '../../src/pipeline/validation-result.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { createTestDatabase, type TestDatabase } from '../support/local-postgres.js';

describe.each(['sqlite', 'postgres'] as const)('adding --protect-tests and test edits to a %s database in use', (backend) => {
  let database: TestDatabase | null = null;
  let storage: Storage | null = null;

  afterEach(async () => {
    await storage?.close();
    database?.drop();
  });

  it('keeps the old records readable and stores the new columns', async () => {
    let env: Record<string, string>;
    let old: DataSource;
    if (backend === 'postgres') {
      database = createTestDatabase();
      env = { PATCHPROOF_DATABASE_URL: database.url };
      old = new DataSource({ type: 'postgres', url: database.url, migrations: [InitialSchema1763900000000] });
    } else {
      const file = join(await mkdtemp(join(tmpdir(), 'patchproof-migrate-')), 'db.sqlite');
      env = { PATCHPROOF_DB_PATH: file };
      old = new DataSource({ type: 'sqlite', database: file, migrations: [InitialSchema1763900000000] });
    }
    // The schema as the previous release left it, with one project, proposal and validation.
    await old.initialize();
    await old.runMigrations();
    const [projectId, proposalId, validationId] = [randomUUID(), randomUUID(), randomUUID()];
    const p = backend === 'postgres' ? (i: number) => `$${i}` : () => '?';
    await old.query(`INSERT INTO projects (id, name, root_path, framework, test_command, build, created_at) VALUES (${p(1)}, 'calc', '/nowhere', NULL, NULL, true, 1)`, [projectId]);
    await old.query(`INSERT INTO proposals (id, project_id, title, author, changes, patch, content_key, reused_from, status, reason, priority, attempts, created_at, updated_at) VALUES (${p(1)}, ${p(2)}, NULL, NULL, '[]', NULL, 'k', NULL, 'executed', 'ok', 0, 1, 1, 1)`, [proposalId, projectId]);
    await old.query(
      `INSERT INTO validations (id, proposal_id, kind, outcome, reason, reason_code, image_built, timed_out, oom_killed, output_limit_exceeded, tests_total, tests_passed, tests_failed, tests_errors, tests_skipped, durations, log, started_at, finished_at) VALUES (${p(1)}, ${p(2)}, 'validation', 'executed', 'ok', 'passed', false, false, false, false, 1, 1, 0, 0, 0, '{}', '', 1, 1)`,
      [validationId, proposalId],
    );
    await old.destroy();

    storage = await openStorage(loadConfig(env));
    const detail = await storage.proposals.show(proposalId);
    expect(detail?.proposal.protectTests).toBe(false);
    expect(detail?.project.protectTests).toBe(false);
    expect(detail?.validations[0]?.validation.testEdits).toBeNull();

    const guarded = await storage.proposals.create({ projectId, title: null, author: null, changes: [], patch: null, contentKey: 'k2', priority: 0, protectTests: true, status: 'running', leaseOwner: 'me', leaseExpiresAt: Date.now() + 60_000 });
    const edits = { ...NO_TEST_EDITS, support: { ...NO_TEST_EDITS.support, added: { count: 1, paths: ['conftest.py'] } } };
    const result = { ...resultWithoutRun(randomUUID(), { outcome: 'rejected', code: 'tests_protected', reason: 'r' }), testEdits: edits };
    await storage.proposals.recordValidation(guarded.id, 'me', result, { status: 'rejected' }, null);
    const back = await storage.proposals.show(guarded.id);
    expect(back?.proposal.protectTests).toBe(true);
    expect(back?.validations[0]?.validation.testEdits).toEqual(edits);
  });
});
