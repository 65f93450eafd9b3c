/** The write queue against a real SQLite file: one transaction at a time, and a busy snapshot retried whole. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/storage/data-source.js';
import { WriteQueue } from '../../../src/storage/write-queue.js';

let file: string;
let db: DataSource;
let other: DataSource;

beforeAll(async () => {
  file = join(await mkdtemp(join(tmpdir(), 'patchproof-writes-')), 'db.sqlite');
  const config = loadConfig({ PATCHPROOF_DB_PATH: file });
  db = await openDatabase(config);
  // A second connection to the same file: another process, as far as SQLite can tell.
  other = await openDatabase(config);
  await db.query('CREATE TABLE numbers (n INTEGER NOT NULL, who TEXT NOT NULL)');
});

afterAll(async () => {
  await db.destroy();
  await other.destroy();
});

const rows = async (who: string) => ((await db.query('SELECT n FROM numbers WHERE who = ? ORDER BY rowid', [who])) as { n: number }[]).map((r) => r.n);

describe('WriteQueue', () => {
  it('runs overlapping transactions one at a time, in arrival order', async () => {
    const writes = new WriteQueue(db);
    const done = await Promise.all(
      Array.from({ length: 8 }, (_, n) =>
        writes.transaction(async (em) => {
          await em.query('SELECT COUNT(*) FROM numbers');
          await new Promise((resolve) => setTimeout(resolve, 8 - n)); // the later ones would finish first
          await em.query('INSERT INTO numbers (n, who) VALUES (?, ?)', [n, 'order']);
          return n;
        }),
      ),
    );
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await rows('order')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('gives a failure to its caller, rolls it back, and goes on with the next', async () => {
    const writes = new WriteQueue(db);
    const failing = writes.transaction(async (em) => {
      await em.query('INSERT INTO numbers (n, who) VALUES (1, ?)', ['rolled-back']);
      throw new Error('the work failed');
    });
    const next = writes.transaction((em) => em.query('INSERT INTO numbers (n, who) VALUES (2, ?)', ['after']));
    await expect(failing).rejects.toThrow('the work failed');
    await next;
    expect(await rows('rolled-back')).toEqual([]);
    expect(await rows('after')).toEqual([2]);
  });

  it('retries a transaction whole when another connection wrote after it read (SQLITE_BUSY)', async () => {
    const writes = new WriteQueue(db);
    let attempts = 0;
    await writes.transaction(async (em) => {
      attempts++;
      await em.query('SELECT COUNT(*) FROM numbers'); // this transaction's snapshot starts here
      if (attempts === 1) await other.query('INSERT INTO numbers (n, who) VALUES (1, ?)', ['busy-other']);
      await em.query('INSERT INTO numbers (n, who) VALUES (?, ?)', [attempts, 'busy-mine']);
    });
    expect(attempts).toBe(2);
    expect(await rows('busy-other')).toEqual([1]);
    expect(await rows('busy-mine')).toEqual([2]);
  });
});
