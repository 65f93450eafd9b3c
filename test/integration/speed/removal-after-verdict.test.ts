/**
 * A cold `validate` (issue 17): the used sandbox's removal follows the verdict. The use case
 * returns once the verdict is recorded, the removal handed over (not yet awaited); settling it
 * leaves nothing of the validation on the engine. A validation ending in error hands nothing over:
 * its sandbox is gone when the result comes back, as before. Nothing here is timed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext, type AppContext } from '../../../src/app/context.js';
import type { ProgressEventBody } from '../../../src/app/progress.js';
import { validateNow } from '../../../src/app/use-cases/validate-now.js';
import { loadConfig } from '../../../src/config.js';
import { PendingRemovals } from '../../../src/pipeline/removal-after-verdict.js';
import { LABEL_OWNER_ID } from '../../../src/sandbox/labels.js';
import { docker } from '../../support/run-validation.js';
import { EXAMPLE_PROJECT } from '../../support/scratch-project.js';

let dir: string;
let ctx: AppContext;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchproof-removal-after-verdict-'));
  ctx = createContext(loadConfig({ ...process.env, PATCHPROOF_DB_PATH: join(dir, 'db.sqlite'), PATCHPROOF_MEMORY_MB: '512' }));
});

afterAll(async () => {
  await ctx.close();
  await rm(dir, { recursive: true, force: true });
});

/** Containers and volumes of one validation, by its owner id label. */
async function ofValidation(validationId: string): Promise<{ containers: number; volumes: number }> {
  const label = [`${LABEL_OWNER_ID}=${validationId}`];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  const volumes = await docker.listVolumes({ filters: { label } });
  return { containers: containers.length, volumes: (volumes.Volumes ?? []).length };
}

describe('validate: the sandbox is removed after the verdict', () => {
  it('records the verdict first, hands the removal over, and leaves nothing once it is settled', async () => {
    const removals = new PendingRemovals();
    const view = await validateNow(ctx, { dir: EXAMPLE_PROJECT, removals });
    expect(view.verdict).toBe('executed');
    // Recorded before the removal was awaited: the stored proposal already holds its verdict,
    // and the removal of the container it ran in is still handed over, not yet settled.
    const stored = await (await ctx.storage()).proposals.show(view.proposalId);
    expect(stored?.proposal.status).toBe('executed');
    expect(stored?.validations).toHaveLength(1);
    expect(view.containerId).not.toBeNull();
    expect(removals.size).toBe(1);
    expect(await removals.settle()).toEqual([]);
    expect(await ofValidation(view.validationId)).toEqual({ containers: 0, volumes: 0 });
    // Settling again waits for nothing and fails nothing (idempotent).
    expect(await removals.settle()).toEqual([]);
  });

  it('a validation ending in error removes its sandbox before the result, handing nothing over', async () => {
    const removals = new PendingRemovals();
    const aborter = new AbortController();
    const progress = {
      emit(event: ProgressEventBody) {
        // The container exists and the tests run: interrupted there, the validation is an error.
        if (event.type === 'phase_started' && event.phase === 'test') aborter.abort();
      },
    };
    const view = await validateNow(ctx, { dir: EXAMPLE_PROJECT, removals, signal: aborter.signal, progress });
    expect(view.verdict).toBe('error');
    expect(view.containerId).not.toBeNull();
    expect(removals.size).toBe(0);
    expect(await ofValidation(view.validationId)).toEqual({ containers: 0, volumes: 0 });
  });
});
