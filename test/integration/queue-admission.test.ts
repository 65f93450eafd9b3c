/**
 * Admission to the queue (PATCHPROOF_MAX_PENDING) is exact on both databases, between several
 * stores (several servers' connections) over one real SQLite file or one real PostgreSQL
 * database: many changes submitted at once leave exactly the limit waiting, a refused change
 * leaves neither its baseline nor its idempotency key behind, a batch revalidation is queued whole
 * or not at all (naming how many would fit), and a scheduled round on a full queue is skipped
 * with its reason logged. Then the same between separate processes: the built CLI's `propose`,
 * many at once.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerScope } from '../../src/app/idempotency.js';
import { baselineRow } from '../../src/baseline/baseline-store.js';
import { loadConfig } from '../../src/config.js';
import { QueueFull } from '../../src/errors/queue-full.js';
import { ErrorView } from '../../src/app/views/error-view.js';
import { ProposalEntity } from '../../src/storage/entities/proposal-entity.js';
import type { NewProposal } from '../../src/storage/proposal-store.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { revalidationRound } from '../../workers/revalidation.js';
import { testDatabaseEnv, type TestDatabase } from '../support/local-postgres.js';
import { runCli } from '../support/run-cli.js';
import { scratchProject } from '../support/scratch-project.js';

const MAX = 10;

/** A refusal for a full queue as `value`; anything else is a failure of the test. */
function refusedAs<T>(value: T): (error: unknown) => T {
  return (error) => {
    if (error instanceof QueueFull) return value;
    throw error;
  };
}

describe.each(['sqlite', 'postgres'] as const)('queue admission on %s', (backend) => {
  let database: TestDatabase | null;
  let stores: Storage[];
  let projectId: string;

  beforeEach(async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-admission-');
    database = made.database;
    // Four stores: four connections racing, as four servers would.
    stores = [];
    for (let i = 0; i < 4; i++) stores.push(await openStorage(loadConfig(made.env)));
    projectId = (await store(0).projects.add('calc', '/nowhere/calc')).id;
  });
  afterEach(async () => {
    for (const s of stores) await s.close();
    database?.drop();
  });

  function store(i: number): Storage {
    const s = stores[i % stores.length];
    if (s === undefined) throw new Error('no store');
    return s;
  }
  const change = (title: string, status: NewProposal['status'] = 'pending'): NewProposal => ({ projectId, title, author: 'admission', changes: [], patch: null, contentKey: randomUUID(), priority: 0, protectTests: false, status });
  const count = (where: { status: 'pending' | 'executed'; kind: 'change' | 'baseline' }) => store(0).db.getRepository(ProposalEntity).count({ where });
  /** `n` waiting changes, admitted one by one. */
  async function fill(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await store(i).proposals.create(change(`filler ${i}`), undefined, { max: MAX, baseline: null });
  }
  async function finished(n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await store(0).proposals.create(change(`done ${i}`, 'executed'))).id);
    return ids;
  }

  it('admits exactly the limit of 40 changes sent at once by four stores; a refused one leaves no baseline and no key', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => {
      // Each on a new project state, so each brings its baseline; every other one under a key.
      const baseline = baselineRow(`state-${i}`, projectId, null, Date.now());
      const key = i % 2 === 0 ? { scope: 'local', key: `burst-${i}`, requestDigest: `digest-${i}` } : undefined;
      return { i, key, made: store(i).proposals.create({ ...change(`burst ${i}`), baselineKey: `state-${i}` }, key, { max: MAX, baseline }) };
    });
    const settled = await Promise.all(attempts.map(async (a) => ({ ...a, result: await a.made.then((row) => row, (error: unknown) => error) })));
    const admitted = settled.filter((s) => !(s.result instanceof Error));
    const refused = settled.filter((s) => s.result instanceof Error);
    expect(admitted).toHaveLength(MAX);
    expect(refused.filter((s) => !(s.result instanceof QueueFull))).toEqual([]);
    expect(await count({ status: 'pending', kind: 'change' })).toBe(MAX);
    // A baseline for each admitted change's state, none for a refused one's.
    const baselines = await store(0).db.getRepository(ProposalEntity).find({ where: { kind: 'baseline' } });
    expect(new Set(baselines.map((b) => b.stateKey))).toEqual(new Set(admitted.map((s) => `state-${s.i}`)));
    for (const s of settled) {
      if (s.key === undefined) continue;
      const held = await store(1).idempotencyKeys.find(callerScope(null), s.key.key);
      expect(held === null).toBe(s.result instanceof Error);
    }
  });

  it('refuses the next change once the limit waits, naming the limit, and admits again when one leaves', async () => {
    await fill(MAX);
    const refused = store(1).proposals.create(change('one too many'), undefined, { max: MAX, baseline: null });
    await expect(refused).rejects.toThrow(QueueFull);
    await expect(refused).rejects.toThrow(`${MAX} proposals are waiting for a worker, the most this server queues (PATCHPROOF_MAX_PENDING=${MAX})`);
    expect((await store(2).queue.claim('worker-1', 60_000))?.status).toBe('running');
    await store(3).proposals.create(change('now it fits'), undefined, { max: MAX, baseline: null });
    expect(await count({ status: 'pending', kind: 'change' })).toBe(MAX);
  });

  it('queues a batch of finished proposals whole or not at all, naming how many fit', async () => {
    const done = await finished(5);
    await fill(MAX - 3);
    const whole = store(1).queue.requeue(done, MAX);
    await expect(whole).rejects.toThrow(QueueFull);
    await expect(whole).rejects.toThrow(/5 proposal\(s\) to queue but room for 3: 7 proposals are waiting .*none was queued: try again later, or revalidate at most 3/);
    expect(await count({ status: 'executed', kind: 'change' })).toBe(5);
    expect(await count({ status: 'pending', kind: 'change' })).toBe(MAX - 3);
    // A waiting proposal named among them is left as it is, and takes no place.
    const waiting = (await store(0).db.getRepository(ProposalEntity).findOneOrFail({ where: { status: 'pending' } })).id;
    expect(await store(2).queue.requeue([...done.slice(0, 3), waiting], MAX)).toEqual(done.slice(0, 3));
    expect(await count({ status: 'pending', kind: 'change' })).toBe(MAX);
    // A batch larger than the limit itself is told it can never fit.
    await expect(store(3).queue.requeue(done.slice(3), 1)).rejects.toThrow(/2 proposal\(s\) to queue .*more than the queue ever holds: revalidate at most 1 at a time/);
  });

  it('never lets batches and single changes racing from four stores pass the limit, each batch whole or not at all', async () => {
    const batches = await Promise.all(Array.from({ length: 4 }, () => finished(3)));
    await fill(3);
    const singles = Array.from({ length: 8 }, (_, i) => store(i).proposals.create(change(`single ${i}`), undefined, { max: MAX, baseline: null }).then(() => true, refusedAs(false)));
    const requeues = batches.map((ids, i) => store(i + 1).queue.requeue(ids, MAX).then((queued) => queued.length, refusedAs(0)));
    const [admittedSingles, queuedBatches] = await Promise.all([Promise.all(singles), Promise.all(requeues)]);
    expect(queuedBatches.every((n) => n === 0 || n === 3)).toBe(true);
    const pending = 3 + admittedSingles.filter(Boolean).length + queuedBatches.reduce((a, b) => a + b, 0);
    expect(await count({ status: 'pending', kind: 'change' })).toBe(pending);
    // Singles fill whatever room batches leave: more singles than room, and room never grows here.
    expect(pending).toBe(MAX);
  });

  it('skips a scheduled revalidation round on a full queue with its reason logged, and queues the next round that fits', async () => {
    const done = await finished(2);
    await fill(MAX - 1);
    const log: string[] = [];
    expect(await revalidationRound(store(1), ['calc'], MAX, (line) => log.push(line))).toBeNull();
    expect(log).toEqual([expect.stringMatching(/^revalidation: skipped this round, the queue is full: 2 proposal\(s\) to queue but room for 1: .*PATCHPROOF_MAX_PENDING=10/)]);
    expect(await count({ status: 'executed', kind: 'change' })).toBe(2);
    // With room (a larger limit here), the next round queues them.
    expect(new Set(await revalidationRound(store(2), ['calc'], MAX + 1, (line) => log.push(line)))).toEqual(new Set(done));
    expect(log.at(-1)).toBe('revalidation: queued 2 proposal(s) of calc');
  });
});

describe.each(['sqlite', 'postgres'] as const)('queue admission between processes on %s', (backend) => {
  let database: TestDatabase | null = null;
  afterEach(() => database?.drop());

  it('admits exactly the limit of 12 `propose` processes started at once', async () => {
    const made = await testDatabaseEnv(backend, 'patchproof-admission-cli-');
    database = made.database;
    const env = { ...made.env, PATCHPROOF_MAX_PENDING: '4' };
    const added = await runCli(['projects', 'add', 'calc', await scratchProject()], env);
    expect(added.code, added.stderr).toBe(0);
    const work = await mkdtemp(join(tmpdir(), 'patchproof-admission-changes-'));
    const runs = await Promise.all(
      Array.from({ length: 12 }, async (_, n) => {
        const file = join(work, `change-${n}.json`);
        await writeFile(file, JSON.stringify([{ filepath: `notes/${n}.txt`, content: `${n}\n` }]));
        return runCli(['propose', 'calc', '--changes', file, '--json'], env);
      }),
    );
    expect(runs.filter((r) => r.code === 0)).toHaveLength(4);
    for (const refused of runs.filter((r) => r.code !== 0)) {
      expect(refused.code, refused.stderr).toBe(2);
      expect(ErrorView.parse(JSON.parse(refused.stdout)).error.code).toBe('queue_full');
    }
    const storage = await openStorage(loadConfig(env));
    try {
      expect(await storage.db.getRepository(ProposalEntity).count({ where: { status: 'pending', kind: 'change' } })).toBe(4);
    } finally {
      await storage.close();
    }
  });
});
