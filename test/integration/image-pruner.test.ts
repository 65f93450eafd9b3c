/**
 * Pruning images nobody validated with for a while, judged by our own records (the engine keeps
 * no last-use time). Uses a repository of its own so no image another test needs is touched.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { resultWithoutRun } from '../../src/pipeline/validation-result.js';
import { openStorage, type Storage } from '../../src/storage/storage.js';
import { pruneIdleImages } from '../../workers/image-pruner.js';
import { config, docker } from '../support/run-validation.js';

const REPO = 'patchproof-prunetest';
const DAY = 24 * 60 * 60 * 1000;
let storage: Storage;

beforeAll(async () => {
  storage = await openStorage(loadConfig({ PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), 'patchproof-prune-')), 'db.sqlite') }));
  const base = docker.getImage(config.PATCHPROOF_BASE_IMAGE);
  for (const tag of ['idle', 'used']) await base.tag({ repo: `${REPO}/python`, tag });
});

afterAll(async () => {
  for (const tag of ['idle', 'used']) await docker.getImage(`${REPO}/python:${tag}`).remove().catch(() => undefined);
  await storage.close();
});

describe('image pruning', () => {
  it('removes an image idle past the limit and keeps one a recent validation used', async () => {
    const project = await storage.projects.add('calc', '/nowhere');
    const proposal = await storage.proposals.create({ projectId: project.id, title: null, author: null, changes: [], patch: null, contentKey: 'k', priority: 0, status: 'running', leaseOwner: 'v1', leaseExpiresAt: Date.now() + 60_000 });
    // "Now" is ten days after the images were made, the limit is a week, and one was used a day ago.
    const now = Date.now() + 10 * DAY;
    const used = { ...resultWithoutRun('v1', { outcome: 'executed', code: 'passed', reason: 'ok' }), image: `${REPO}/python:used`, finishedAt: new Date(now - DAY) };
    await storage.proposals.recordValidation(proposal.id, 'v1', used, { status: 'executed' }, 'w');

    const removed = await pruneIdleImages(docker, storage.db, 7 * DAY, now, REPO);
    expect(removed).toEqual([`${REPO}/python:idle`]);
    const left = await docker.listImages({ filters: { reference: [`${REPO}/*`] } });
    expect(left.flatMap((i) => i.RepoTags ?? [])).toEqual([`${REPO}/python:used`]);
    // The base image behind both tags is untouched.
    expect((await docker.getImage(config.PATCHPROOF_BASE_IMAGE).inspect()).Id).toBeTruthy();
  });
});
