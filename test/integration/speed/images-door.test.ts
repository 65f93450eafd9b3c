/**
 * `patchproof images --json` and GET /v1/images: the project images (the example's among them
 * once it was validated), each with size, creation, last use and whether it is in use, and the
 * configured disk bound. Read only: nothing is removed here.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageListView } from '../../../src/app/views/image-view.js';
import { HttpServer } from '../../support/http-server.js';
import { runCli } from '../../support/run-cli.js';
import { EXAMPLE_PROJECT } from '../../support/scratch-project.js';

let env: Record<string, string>;
let server: HttpServer;

beforeAll(async () => {
  env = { PATCHPROOF_DB_PATH: join(await mkdtemp(join(tmpdir(), 'patchproof-images-')), 'db.sqlite'), PATCHPROOF_IMAGE_DISK_MB: '500000', PATCHPROOF_MEMORY_MB: '512' };
  // One validation recorded in this database: its image gets a last use.
  const validated = await runCli(['validate', EXAMPLE_PROJECT, '--json'], env);
  expect(validated.code).toBe(0);
  server = await HttpServer.start({ PATCHPROOF_DB_PATH: env.PATCHPROOF_DB_PATH ?? '', PATCHPROOF_IMAGE_DISK_MB: '500000' });
});

afterAll(async () => {
  await server.close();
});

describe('the project images, through the doors', () => {
  it('patchproof images --json lists them with size and last use, least recently used first', async () => {
    const run = await runCli(['images', '--json'], env);
    expect(run.code).toBe(0);
    const view = ImageListView.parse(JSON.parse(run.stdout));
    expect(view.diskLimitBytes).toBe(500000 * 1024 * 1024);
    expect(view.images.length).toBeGreaterThan(0);
    expect(view.totalBytes).toBe(view.images.reduce((s, i) => s + i.sizeBytes, 0));
    const used = view.images.filter((i) => i.lastUsedAt !== null);
    expect(used.length).toBeGreaterThanOrEqual(1);
    expect(used.every((i) => i.tag.startsWith('patchproof/python:'))).toBe(true);
    const order = view.images.map((i) => Date.parse(i.lastUsedAt ?? i.createdAt));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const text = await runCli(['images'], env);
    expect(text.stdout).toContain('least recently used first');
  });

  it('GET /v1/images answers the same view', async () => {
    // Least recently used first, a page of them: the whole list (this machine's images fit) holds the example's.
    const response = await server.fetch('/v1/images?limit=200');
    expect(response.status).toBe(200);
    const view = ImageListView.parse(await response.json());
    expect(view.images).toHaveLength(Math.min(view.total, 200));
    expect(view.diskLimitBytes).toBe(500000 * 1024 * 1024);
    expect(view.images.some((i) => i.lastUsedAt !== null)).toBe(true);
  });
});
