/**
 * A real upstream Python project with declared dependencies, exactly as shipped: yamllint 1.29.0
 * (Debian bookworm's source package, its upstream tarball fetched with `apt-get source` in the
 * set-up and cached). Its setup.cfg's install_requires (pathspec, pyyaml, setuptools) are
 * resolved from Debian at image build, and its own test suite runs against them.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upstreamSource } from '../support/debian-upstream.js';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('yamllint 1.29.0 from its Debian source package', () => {
  let tree: string | null = null;
  beforeAll(async () => {
    tree = await upstreamSource({ pkg: 'yamllint', version: '1.29.0-1' });
  });

  it('installs pathspec and pyyaml from Debian and runs its own tests against them', { timeout: 900_000 }, async (ctx) => {
    if (tree === null) return ctx.skip();
    const project = join(await mkdtemp(join(tmpdir(), 'patchproof-yamllint-')), 'yamllint');
    await cp(tree, project, { recursive: true });
    // 385 tests, many starting `python -m yamllint`: over a minute with coverage on a busy 2-core machine.
    const result = await validate(project, [], { testTimeoutMs: 600_000 });
    const installed = Object.fromEntries((result.dependencies?.installed ?? []).map((i) => [i.requirement, `${i.package}:${i.source}`]));
    expect(result.dependencies?.missing).toEqual([]);
    expect(installed['pathspec >= 0.5.3']).toBe('python3-pathspec:debian');
    expect(installed.pyyaml).toBe('python3-yaml:debian');
    expect(result.outcome, result.reason).toBe('executed');
    // As its own pytest counts them: 382 passed, 3 skipped.
    const statuses = (result.report?.cases ?? []).map((c) => c.status);
    expect(statuses.filter((s) => s === 'passed')).toHaveLength(382);
    expect(statuses.filter((s) => s === 'skipped')).toHaveLength(3);
    expect(statuses).toHaveLength(385);
    expect(result.coverage?.linesPct).not.toBeNull();
  });
});
