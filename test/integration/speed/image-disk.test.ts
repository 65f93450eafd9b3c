/**
 * The image disk bound: least recently used images removed first until the rest fit, never one
 * a container uses or a validation of this process holds. Images of a repository of its own,
 * distinct (a label each) and made from the base image, so no image another test needs is touched.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evictOverDisk, listProjectImages } from '../../../src/images/image-disk.js';
import { imagesInUseHere, markInUse } from '../../../src/images/image-uses.js';
import { ownerLabels } from '../../../src/sandbox/labels.js';
import { config, docker } from '../../support/run-validation.js';

const run = promisify(execFile);
const REPO = `patchproof-lrutest-${process.pid}`;
const selector = { repository: REPO, label: null };
const tag = (name: string) => `${REPO}/python:${name}`;
const NAMES = ['oldest', 'middle', 'newest'];
let holder: string | null = null;

async function buildDistinct(name: string): Promise<void> {
  const child = run('docker', ['build', '-q', '--label', `patchproof.lrutest=${name}`, '-t', tag(name), '-']);
  child.child.stdin?.end(`FROM ${config.PATCHPROOF_BASE_IMAGE}\n`);
  await child;
}

beforeAll(async () => {
  for (const name of NAMES) await buildDistinct(name);
  // The oldest is in use: a container of it exists (not even started).
  const c = await docker.createContainer({ Image: tag('oldest'), Cmd: ['true'], Labels: ownerLabels({ kind: 'job', id: randomUUID() }) });
  holder = c.id;
});

afterAll(async () => {
  if (holder !== null) await docker.getContainer(holder).remove({ force: true }).catch(() => undefined);
  for (const name of NAMES) await docker.getImage(tag(name)).remove().catch(() => undefined);
});

describe('image disk bound', () => {
  it('removes the least recently used image not in use, and stops once the rest fit', async () => {
    const now = Date.now();
    const lastUse = new Map([[tag('oldest'), now - 3_000], [tag('middle'), now - 2_000], [tag('newest'), now - 1_000]]);
    const images = await listProjectImages(docker, lastUse, imagesInUseHere(), selector);
    expect(images.map((i) => i.tag)).toEqual(NAMES.map(tag));
    expect(images.map((i) => i.inUse)).toEqual([true, false, false]);
    const size = images[0]?.sizeBytes ?? 0;
    expect(size).toBeGreaterThan(0);

    const removed = await evictOverDisk(docker, images, 2.5 * size);
    expect(removed).toEqual([tag('middle')]);
    const left = (await docker.listImages({ filters: { reference: [`${REPO}/*`] } })).flatMap((i) => i.RepoTags ?? []).sort();
    expect(left).toEqual([tag('newest'), tag('oldest')]);
  });

  it('never removes an image a validation of this process holds, nor one a container uses', async () => {
    const release = markInUse(tag('newest'));
    try {
      const images = await listProjectImages(docker, new Map(), imagesInUseHere(), selector);
      expect(images.every((i) => i.inUse)).toBe(true);
      expect(await evictOverDisk(docker, images, 1)).toEqual([]);
    } finally {
      release();
    }
    const free = await listProjectImages(docker, new Map(), imagesInUseHere(), selector);
    expect(free.find((i) => i.tag === tag('newest'))?.inUse).toBe(false);
    expect(await evictOverDisk(docker, free, 1)).toEqual([tag('newest')]);
    expect((await docker.listImages({ filters: { reference: [`${REPO}/*`] } })).flatMap((i) => i.RepoTags ?? [])).toEqual([tag('oldest')]);
  });
});
