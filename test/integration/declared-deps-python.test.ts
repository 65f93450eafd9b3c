/**
 * A Python project's declared dependencies through the real pipeline and engine: PyYAML from
 * requirements.txt and requests from pyproject.toml, neither in the python image, installed from
 * Debian at image build and imported by the tests; a requirement that exists nowhere is
 * build_failed naming it and the package tried; two copies of the project that differ only in
 * source share the dependency layer (the engine's image history); a proposal that adds one gets
 * it installed, and one that adds a requirement found nowhere is rejected for it. The project
 * configures no coverage: pytest's --cov still measures it.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { docker, validate, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { CONF_SOURCE as SOURCE, confProject as files } from '../support/python-deps-project.js';
import { writeProject } from '../support/write-project.js';

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Python dependencies from Debian', () => {
  let first: ValidationResult;
  let project: string;

  beforeAll(async () => {
    project = await writeProject('conf', files(SOURCE));
    first = await validate(project, []);
  });

  it('installs PyYAML and requests from Debian, runs the tests that import them, and records what came from where', () => {
    expect(first.outcome, first.reason).toBe('executed');
    expect(first.report?.cases.map((c) => `${c.name}:${c.status}`).sort()).toEqual(['test_load:passed', 'test_ua:passed']);
    expect(first.dependencies?.missing).toEqual([]);
    const installed = first.dependencies?.installed.map((i) => ({ requirement: i.requirement, file: i.file, package: i.package, source: i.source })) ?? [];
    expect(installed).toEqual([
      { requirement: 'requests>=2', file: 'pyproject.toml', package: 'python3-requests', source: 'debian' },
      { requirement: 'PyYAML>=5.0', file: 'requirements.txt', package: 'python3-yaml', source: 'debian' },
    ]);
    expect(first.dependencies?.installed.every((i) => i.version !== null && /^\d/.test(i.version))).toBe(true);
    // Nothing configures coverage: --cov=. measures the project anyway (7 of 8 lines: unused() is not called).
    expect(first.coverage?.linesPct).not.toBeNull();
    expect(first.coverage?.linesValid).toBe(8);
    expect(first.coverage?.linesCovered).toBe(7);
  });

  it('a source-only change reuses the dependency layer: a copy differing in source only builds on the same layers', async () => {
    const proposal = await validate(project, [write('conf/__init__.py', SOURCE.replace('return 1', 'return 2'))]);
    expect(proposal.outcome, proposal.reason).toBe('executed');
    expect(proposal.imageBuilt).toBe(false);

    // A value of this run's own, so the copy's image is always new (images outlive test runs).
    const copy = await writeProject('conf', files(SOURCE.replace('return 1', `return ${Date.now()}`)));
    const second = await validate(copy, []);
    expect(second.outcome, second.reason).toBe('executed');
    expect(second.imageBuilt).toBe(true);
    expect(second.image).not.toBe(first.image);
    // The engine's history: the step that installed the dependencies is one and the same image in both.
    const installStep = async (tag: string | null) => {
      const history: { Id: string; CreatedBy: string }[] = await docker.getImage(tag ?? '').history();
      return history.filter((h) => h.CreatedBy.includes('python3 /opt/patchproof/deps-tools/resolve.py')).map((h) => h.Id);
    };
    const [a, b] = [await installStep(first.image), await installStep(second.image)];
    expect(a).toHaveLength(1);
    expect(a[0]).toMatch(/^sha256:/);
    expect(b).toEqual(a);
  });

  it('a proposal that adds a requirement gets it installed: its own image, keyed by the manifest it writes', { timeout: 600_000 }, async () => {
    const result = await validate(project, [
      write('requirements.txt', 'PyYAML>=5.0\ntoml\n'),
      write('tests/test_toml.py', 'import toml\n\n\ndef test_toml():\n    assert toml.loads("a = 1") == {"a": 1}\n'),
    ]);
    expect(result.outcome, result.reason).toBe('executed');
    // Not the project's image (which has no toml); built once, then found by its tag on later runs.
    expect(result.image).not.toBe(first.image);
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`).sort()).toEqual(['test_load:passed', 'test_toml:passed', 'test_ua:passed']);
    expect(result.dependencies?.installed.find((i) => i.requirement === 'toml')).toMatchObject({ package: 'python3-toml', source: 'debian' });
  });

  it('a requirement the proposal adds that exists nowhere is the proposal\'s fault: build_failed naming it, recorded as its own', { timeout: 600_000 }, async () => {
    const result = await validate(project, [write('requirements.txt', 'PyYAML>=5.0\npatchproof-no-such-dist-added==2.0\n')]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe('build failed: declared dependency not found: patchproof-no-such-dist-added==2.0 (requirements.txt; tried python3-patchproof-no-such-dist-added)');
    expect(result.dependencies?.fromChanges).toBe(true);
    expect(result.dependencies?.installed.map((i) => i.package)).toEqual(['python3-requests', 'python3-yaml']);
  });

  // Its own image build (apt-get update included): minutes on a loaded machine.
  it('a requirement that exists nowhere is build_failed, naming it, its file and the package tried', { timeout: 600_000 }, async () => {
    const broken = await writeProject('conf', { ...files(SOURCE), 'requirements.txt': 'PyYAML\npatchproof-no-such-dist==1.0\n' });
    const result = await validate(broken, []);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toBe('build failed: declared dependency not found: patchproof-no-such-dist==1.0 (requirements.txt; tried python3-patchproof-no-such-dist)');
    expect(result.test).toBeNull();
    expect(result.dependencies?.missing).toEqual([{ requirement: 'patchproof-no-such-dist==1.0', file: 'requirements.txt', tried: ['python3-patchproof-no-such-dist'] }]);
  });
});
