/**
 * A warm run's files and first command go through execs prepared while its sandbox waited
 * (sandbox/prepared-run.ts): the results are what a cold run gives, field for field: stdin,
 * stdout, stderr and exit code; a step's tests with per-test results; a compiled language
 * whose compile goes through the wrapper and whose program then runs as usual.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { startRuntimePools } from '../../src/app/runtime-service.js';
import { listRuntimes } from '../../src/app/use-cases/list-runtimes.js';
import type { RunCodeRequest } from '../../src/app/views/run-code-view.js';
import { waitFor } from '../support/worker-harness.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';

const ready = (ctx: AppContext, name: string) => waitFor(`a ready ${name} sandbox`, async () => (listRuntimes(ctx).runtimes.find((r) => r.name === name)?.ready ?? 0) > 0, 300_000);

/** The same request warm, then cold (the pool emptied first by taking its one sandbox). */
async function warmAndCold(ctx: AppContext, request: RunCodeRequest) {
  await ready(ctx, request.language);
  const warm = await run(ctx, request);
  // The refill starts when the warm one is released: the next run, right away, is cold.
  const cold = await run(ctx, request);
  return { warm, cold };
}

describe('a warm run', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext({ PATCHPROOF_WARM_POOL: 'python:1,go:1' });
    await ensureImages(ctx, ['python', 'go']);
    startRuntimePools(ctx);
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  it('gives what a cold one gives: stdin in, stdout, stderr and the exit code out', { timeout: RUN_MS }, async () => {
    const code = 'import sys\nline = sys.stdin.readline().strip()\nprint("got", line)\nprint("to stderr", file=sys.stderr)\nsys.exit(3)\n';
    const { warm, cold } = await warmAndCold(ctx, { language: 'python', code, stdin: 'hello\n' });
    expect(warm.warm).toBe(true);
    expect(cold.warm).toBe(false);
    const same = { stdout: 'got hello\n', stderr: 'to stderr\n', exitCode: 3, limitHit: null, outputTruncated: false };
    expect(warm).toMatchObject(same);
    expect(cold).toMatchObject(same);
  });

  it('is stopped at its timeout like a cold one', { timeout: RUN_MS }, async () => {
    await ready(ctx, 'python');
    const view = await run(ctx, { language: 'python', code: 'import time\nprint("started", flush=True)\ntime.sleep(60)\n', timeout: 2 });
    expect(view).toMatchObject({ warm: true, limitHit: 'timeout', stdout: 'started\n' });
  });

  it("runs a step's tests with per-test results", { timeout: RUN_MS }, async () => {
    await ready(ctx, 'python');
    const tests = { framework: 'pytest', files: [{ filepath: 'test_main.py', content: 'from main import add\n\ndef test_add():\n    assert add(2, 2) == 4\n\ndef test_neg():\n    assert add(-1, 1) == 0\n' }] };
    const view = await run(ctx, { language: 'python', code: 'def add(a, b):\n    return a + b\n', tests });
    expect(view.warm).toBe(true);
    expect(view.tests).toMatchObject({ passedAll: true, total: 2, passed: 2, failed: 0 });
  });

  it('compiles through the wrapper, then runs the program as usual', { timeout: RUN_MS }, async () => {
    const { warm, cold } = await warmAndCold(ctx, { language: 'go', code: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n' });
    expect(warm).toMatchObject({ warm: true, stdout: 'hello\n', exitCode: 0, limitHit: null });
    expect(warm.compile).toMatchObject({ exitCode: 0, limitHit: null });
    expect(cold).toMatchObject({ warm: false, stdout: 'hello\n', exitCode: 0, limitHit: null });
  });
});
