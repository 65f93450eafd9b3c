/** `proposals list` reads summaries: never the changes or the patch, which may be megabytes each. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { SUMMARY_COLUMNS } from '../../../src/storage/proposal-store.js';
import { openStorage, type Storage } from '../../../src/storage/storage.js';

describe('the proposal list query', () => {
  let storage: Storage;
  let statements: () => string[] = () => [];
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-list-'));
    storage = await openStorage(loadConfig({ PATCHPROOF_DB_PATH: join(dir, 'db.sqlite') }));
    const project = await storage.projects.add('calc', dir, { framework: null, testCommand: null, build: true });
    await storage.proposals.create({
      projectId: project.id, title: 'big', author: 'agent', changes: [{ filepath: 'a.py', content: 'x'.repeat(1_000_000) }],
      patch: 'p'.repeat(1_000_000), contentKey: 'k', priority: 0, status: 'pending',
    });
    // Every statement the list sends, as the driver receives it (SQLite has one query runner).
    const spy = vi.spyOn(storage.db.createQueryRunner(), 'query');
    statements = () => spy.mock.calls.map((call) => call[0]);
  });
  afterAll(async () => {
    await storage.close();
  });

  it('selects the summary columns only, so no blob is read', async () => {
    const rows = await storage.proposals.list();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(Object.keys(row?.proposal ?? {}).sort()).toEqual(Object.keys(SUMMARY_COLUMNS).sort());
    expect(row?.proposal).not.toHaveProperty('changes');
    expect(row?.proposal).not.toHaveProperty('patch');
    const proposalQueries = statements().filter((sql) => /FROM "proposals"/.test(sql));
    expect(proposalQueries).toHaveLength(1);
    expect(proposalQueries[0]).not.toMatch(/"changes"|"patch"/);
    expect(proposalQueries[0]).toMatch(/"title"/);
  });
});
