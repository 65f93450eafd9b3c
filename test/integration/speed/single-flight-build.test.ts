/**
 * Two proposals of one new project build its image once: the second joins the first's build (one
 * build per image tag at a time; builds wait for the one build slot besides).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareProposal } from '../../../src/pipeline/prepare.js';
import { validateProposal } from '../../../src/pipeline/validate-proposal.js';
import { docker, settings } from '../../support/run-validation.js';
import { scratchProject } from '../../support/scratch-project.js';
import { note } from '../../support/worker-harness.js';

let built: string | null = null;

afterAll(async () => {
  // The project's content is this test's own: its image is no other test's.
  if (built !== null) await docker.getImage(built).remove().catch(() => undefined);
});

describe('image builds', () => {
  it('two proposals of one new project build its image once', async () => {
    const project = await scratchProject();
    await writeFile(join(project, `unique-${randomUUID()}.txt`), 'makes the image tag this test\'s own\n');
    const base = await settings();
    const once = async (n: number) =>
      validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared: await prepareProposal(project, [note(n)], null), settings: base, onProgress: () => undefined });
    const [a, b] = await Promise.all([once(1), once(2)]);
    built = a.image;
    expect(a.image).not.toBeNull();
    expect(b.image).toBe(a.image);
    expect([a.imageBuilt, b.imageBuilt].filter(Boolean)).toHaveLength(1);
    expect([a.outcome, b.outcome]).toEqual(['executed', 'executed']);
  });
});
