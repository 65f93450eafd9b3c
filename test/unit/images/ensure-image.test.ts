/**
 * ensureImage's answers before any build: an engine that cannot be reached, one that does not
 * answer, and a base image that is really missing are three different errors. The first two use
 * real clients against a socket nobody serves and a server that never answers; the third, the
 * real engine (two look-ups, no build).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureImage, type ImageRequest } from '../../../src/images/ensure-image.js';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { docker } from '../../support/run-validation.js';
import { TempDirs } from '../../support/temp-dirs.js';

const temp = new TempDirs();
let request: Omit<ImageRequest, 'baseImage'>;
let silent: Server;
let port = 0;
const held: Socket[] = [];

beforeAll(async () => {
  const snapshot = await snapshotProject(await temp.project({ 'test_a.py': 'def test_a():\n    assert True\n' }));
  // A recipe of no toolchain: the python template's folder, under a name only this test uses.
  request = { recipe: { name: 'ensure-image-test', template: 'python' }, snapshot, aptMirror: 'http://deb.debian.org/debian', timeoutMs: 60_000, engineTimeoutMs: 2_000, onProgress: () => undefined };
  silent = createServer((socket) => held.push(socket)); // accepts, never answers
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
  await temp.removeAll();
});

describe('ensureImage', () => {
  it('reports an engine nobody serves as unreachable, not as a missing base image', async () => {
    const dead = new Docker({ socketPath: join(tmpdir(), `patchproof-no-engine-${process.pid}.sock`) });
    const error = await ensureImage(dead, { ...request, baseImage: 'local/debian:bookworm' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'InfraError', code: 'ENGINE_UNREACHABLE' });
    expect(error instanceof Error && error.cause).toMatchObject({ code: 'ENOENT' });
  });

  it('reports an engine that does not answer as ENGINE_TIMEOUT naming the look-up', async () => {
    const mute = new Docker({ host: '127.0.0.1', port, protocol: 'http' });
    const error = await ensureImage(mute, { ...request, engineTimeoutMs: 300, baseImage: 'local/debian:bookworm' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'InfraError', code: 'ENGINE_TIMEOUT', context: { call: 'looking up an image' } });
  });

  it('says the base image is missing only when the engine says so', async () => {
    const error = await ensureImage(docker, { ...request, baseImage: 'local/patchproof-never-made:none' }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'InfraError', code: 'BASE_IMAGE_UNAVAILABLE', context: { baseImage: 'local/patchproof-never-made:none' } });
  });
});
