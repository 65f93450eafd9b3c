/**
 * Image builds through the real engine: a failing step fails with the engine's own words (the
 * progress stream alone would call it a success) and leaves no stopped container behind.
 */
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { InfraError } from '../../src/errors/infra-error.js';
import { buildImage } from '../../src/images/build-image.js';
import { config, docker } from '../support/run-validation.js';

function context(dockerfile: string): Readable {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.finalize();
  return Readable.from(pack, { objectMode: false });
}

describe('building an image', () => {
  it('fails with the failing step and the engine error, and removes the failed step container', async () => {
    const lines: string[] = [];
    const build = buildImage(docker, {
      tag: 'patchproof-test/broken:latest',
      context: context(`FROM ${config.PATCHPROOF_BASE_IMAGE}\nRUN echo about to fail && exit 3\n`),
      buildArgs: {},
      labels: {},
      timeoutMs: 120_000,
      engineTimeoutMs: 60_000,
      onProgress: (line) => lines.push(line),
    });
    const error = await build.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InfraError);
    expect(error).toMatchObject({ code: 'IMAGE_BUILD_FAILED' });
    expect(error instanceof Error ? error.message : '').toMatch(/returned a non-zero code: 3/);
    expect(lines).toContain('about to fail');
    // Without forcerm the engine keeps the failed RUN step's container.
    const left = await docker.listContainers({ all: true });
    expect(left.filter((c) => c.Command.includes('about to fail'))).toEqual([]);
  });

  it('builds a good Dockerfile, labels the image as ours and reports each step', async () => {
    const tag = 'patchproof-test/ok:latest';
    const lines: string[] = [];
    await buildImage(docker, { tag, context: context(`FROM ${config.PATCHPROOF_BASE_IMAGE}\nRUN true\n`), buildArgs: {}, labels: { 'patchproof.toolchain': 'none' }, timeoutMs: 120_000, engineTimeoutMs: 60_000, onProgress: (l) => lines.push(l) });
    try {
      const info = await docker.getImage(tag).inspect();
      expect(info.Config.Labels).toMatchObject({ patchproof: 'true', 'patchproof.toolchain': 'none' });
      expect(lines.some((l) => l.startsWith('Step 2/'))).toBe(true);
    } finally {
      await docker.getImage(tag).remove({ force: true });
    }
  });
});
