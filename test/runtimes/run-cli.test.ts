/**
 * `patchproof run` and `patchproof runtimes` as real CLI processes: the program's output and exit
 * code passed through, the mapped error on stderr, --json as the run view, bad usage refused with
 * exit 2 naming the flag; `runtimes --warm bash` starts that pool, sees it ready, and stops it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunCompletedView, RuntimesView } from '../../src/app/views/run-code-view.js';
import { loadConfig } from '../../src/config.js';
import { LABEL_STORE } from '../../src/sandbox/labels.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { runCli } from '../support/run-cli.js';
import { docker } from '../support/run-validation.js';
import { ensureImages, IMAGE_BUILD_MS, runtimeContext } from './runtime-harness.js';

describe('patchproof run and runtimes', () => {
  let env: Record<string, string>;
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'patchproof-run-cli-'));
    env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_MEMORY_MB: '512' };
    const ctx = await runtimeContext(env);
    await ensureImages(ctx, ['python', 'bash']);
    await ctx.close();
  }, IMAGE_BUILD_MS);
  afterAll(async () => {
    const store = storeLabel(loadConfig(env));
    expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL_STORE}=${store}`] } })).toEqual([]);
  });

  it('passes the output and exit code through, the error mapped on stderr', async () => {
    const file = join(work, 'prog.py');
    await writeFile(file, 'import sys\nprint(sys.stdin.read().strip()[::-1])\nraise SystemExit(3)\n');
    const input = join(work, 'input.txt');
    await writeFile(input, 'abc\n');
    const ok = await runCli(['run', '--language', 'python', '--file', file, '--stdin', input], env);
    expect(ok.stdout).toBe('cba\n');
    expect(ok.code).toBe(3);

    const bad = await runCli(['run', '--language', 'python', '--code', 'x = {}\nx["k"]\n'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("KeyError: 'k' (main.py:2)");
  });

  it('prints the run view with --json', async () => {
    const out = await runCli(['run', '--language', 'bash', '--code', 'echo hi', '--json'], env);
    expect(out.code).toBe(0);
    expect(RunCompletedView.parse(JSON.parse(out.stdout))).toMatchObject({ stdout: 'hi\n', exitCode: 0, warm: false });
  });

  it('refuses bad usage with exit 2, naming what was wrong', async () => {
    const noLanguage = await runCli(['run', '--language', 'cobol', '--code', 'x'], env);
    expect(noLanguage.code).toBe(2);
    expect(noLanguage.stderr).toMatch(/--language/);
    const twice = await runCli(['run', '--language', 'python', '--code', 'x', '--file', 'y'], env);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/give the code once/);
  });

  it('runtimes --warm bash starts the pool, sees it ready, and stops it', async () => {
    const out = await runCli(['runtimes', '--warm', 'bash', '--json'], env);
    expect(out.code).toBe(0);
    const view = RuntimesView.parse(JSON.parse(out.stdout));
    expect(view.runtimes.find((r) => r.name === 'bash')).toMatchObject({ state: 'ready', ready: 1, target: 1 });
    expect(view.runtimes.find((r) => r.name === 'python')).toMatchObject({ state: 'cold' });
  });
});
