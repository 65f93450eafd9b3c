/**
 * What the runtime tests share: an application context over a scratch database, the run use
 * case called as the doors call it, and the check that nothing of ours is left afterwards.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type AppContext, createContext } from '../../src/app/context.js';
import { runtimeService, stopRuntimes } from '../../src/app/runtime-service.js';
import { runtimeNamed } from '../../src/runtimes/registry.js';
import type { RuntimeName } from '../../src/runtime-names.js';
import { runCode } from '../../src/app/use-cases/run-code.js';
import type { RunCodeRequest, RunCompletedView } from '../../src/app/views/run-code-view.js';
import { loadConfig } from '../../src/config.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker } from '../support/run-validation.js';

export async function runtimeContext(env: Record<string, string> = {}): Promise<AppContext> {
  const work = await mkdtemp(join(tmpdir(), 'patchproof-runtimes-'));
  return createContext(loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_MEMORY_MB: '512', ...env }));
}

/** Builds the runtimes' images first (once per engine): a first build can take minutes on a busy machine. */
export const IMAGE_BUILD_MS = 1_200_000;
/** A few runs of a compiled language on a loaded 2-core machine (tsc and javac take seconds each). */
export const RUN_MS = 600_000;
export async function ensureImages(ctx: AppContext, names: readonly RuntimeName[]): Promise<void> {
  const service = runtimeService(ctx);
  await Promise.all(names.map((name) => service.image(runtimeNamed(name))));
}

export async function run(ctx: AppContext, request: RunCodeRequest): Promise<RunCompletedView> {
  const view = await runCode(ctx, request);
  if (view.status !== 'completed') throw new Error(`expected a completed run, got ${JSON.stringify(view)}`);
  return view;
}

export async function closeAndCheck(ctx: AppContext): Promise<void> {
  await stopRuntimes(ctx);
  await ctx.close();
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
}
