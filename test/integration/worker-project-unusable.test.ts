/**
 * A queued proposal whose project folder is gone by the time a worker takes it: rejected as
 * project_unusable, with the reason, before anything reaches the engine. The worker tells this
 * from the core's own refusal (an InputError with its code), not from any door's error type.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { ThinkWorker } from '../../workers/think-worker.js';
import { docker, settings } from '../support/run-validation.js';
import { scratchProject } from '../support/scratch-project.js';

let storage: Storage;
let project: string;
let store: string;

beforeAll(async () => {
  project = await scratchProject();
  const config = loadConfig({ PATCHPROOF_DB_PATH: join(project, '..', 'db.sqlite') });
  storage = await openStorage(config);
  store = storeLabel(config);
});

afterAll(async () => {
  await storage.close();
});

describe('a worker taking a proposal whose project folder is gone', () => {
  it('rejects it as project_unusable, naming the folder, and runs nothing', async () => {
    const added = await storage.projects.add('calc', project, { framework: null, testCommand: null, build: true });
    const proposal = await storage.proposals.create({
      projectId: added.id, title: 'add mul', author: 'agent', changes: [{ filepath: 'calc.py', contentBase64: Buffer.from('x = 1\n').toString('base64') }],
      patch: null, contentKey: 'gone', priority: 0, protectTests: false, status: 'pending',
    });
    await rm(project, { recursive: true });

    const lines: string[] = [];
    const worker = new ThinkWorker(docker, storage, {
      concurrency: 1, pollMs: 50, leaseMs: 30_000, retry: { maxAttempts: 1, backoffMs: 1_000 }, store,
      settings: await settings(), untilIdle: true, log: (line) => lines.push(line),
    });
    await worker.run();

    expect(worker.finished).toMatchObject({ rejected: 1, error: 0, executed: 0 });
    const detail = await storage.proposals.show(proposal.id);
    expect(detail?.proposal.status).toBe('rejected');
    const [run] = detail?.validations ?? [];
    expect(run?.validation).toMatchObject({ outcome: 'rejected', reasonCode: 'project_unusable', containerId: null });
    expect(run?.validation.reason).toMatch(new RegExp(`^the project at ${project.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be validated: project directory .* does not exist`));
  });
});
