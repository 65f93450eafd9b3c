/**
 * The seeds' flow per proposal, as a user without patchproof would do it: `docker build` an image
 * FROM the project's image with the change in it, `docker run` the tests, `docker rmi`. Timed
 * whole, through the docker CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CALC_MODULE, calcSource } from './bench-changes.js';

const run = promisify(execFile);

export async function seedsFlow(image: string, testCommand: readonly string[], n: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-bench-seed-'));
  const tag = `patchproof-bench-seed/calc:${process.pid}-${n}`;
  try {
    await mkdir(join(dir, 'change', dirname(CALC_MODULE)), { recursive: true });
    await writeFile(join(dir, 'change', CALC_MODULE), calcSource(n));
    await writeFile(
      join(dir, 'Dockerfile'),
      [`FROM ${image}`, 'USER 0', 'RUN mkdir -p /workspace && cp -R -p /opt/patchproof/project/. /workspace/ && chown -R 1000:1000 /workspace', 'COPY --chown=1000:1000 change/ /workspace/', 'USER 1000:1000', 'WORKDIR /workspace', ''].join('\n'),
    );
    const started = performance.now();
    await run('docker', ['build', '-q', '--network', 'none', '--label', 'patchproof.bench=seed', '-t', tag, dir]);
    try {
      await run('docker', ['run', '--rm', '--network', 'none', '--label', 'patchproof.bench=seed', tag, ...testCommand]);
    } finally {
      await run('docker', ['rmi', '-f', tag]);
    }
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
