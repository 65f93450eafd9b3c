/**
 * A project run its own way: its own test command (judged from the JUnit XML it must write) and
 * the build step turned off. Real engine, the example Python project.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { prepareProposal, type RunOverrides } from '../../src/pipeline/prepare.js';
import { validateProposal } from '../../src/pipeline/validate-proposal.js';
import { docker, settings, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';

let project: string;

beforeAll(async () => {
  project = await scratchProject();
});

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

async function run(changes: Change[], overrides: RunOverrides) {
  const prepared = await prepareProposal(project, changes, null, undefined, overrides);
  return validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: await settings(), onProgress: () => undefined });
}

describe('a project run its own way', () => {
  it('runs the project\'s own test command and judges it from the JUnit XML it wrote', async () => {
    const result = await run([], { testCommand: 'python3 -m pytest -q -p no:cacheprovider --junitxml="$PATCHPROOF_REPORT_DIR/mine.xml" tests' });
    expect(result.outcome).toBe('executed');
    expect(result.frameworkReason).toMatch(/tests run by the project's own command$/);
    expect(result.report?.cases.length).toBeGreaterThan(0);
    expect(result.report?.cases.every((c) => c.status === 'passed')).toBe(true);
    expect(result.coverage).toBeNull();
  });

  it('rejects a test command that fails, with the failing test named', async () => {
    const broken = write('tests/test_extra.py', 'def test_extra():\n    assert 1 == 2\n');
    const result = await run([broken], { testCommand: 'python3 -m pytest -q -p no:cacheprovider --junitxml="$PATCHPROOF_REPORT_DIR/mine.xml" tests' });
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(/tests failed: test_extra/);
  });

  it('rejects a test command that writes no report: the exit code alone never passes', async () => {
    const result = await run([], { testCommand: 'python3 -m pytest -q -p no:cacheprovider tests' });
    expect(result.outcome).toBe('rejected');
    expect(result.test?.exitCode).toBe(0);
    expect(result.reason).toMatch(/wrote no JUnit XML report into \$PATCHPROOF_REPORT_DIR/);
  });

  it('skips the build step when the project turns it off', async () => {
    const unimported = write('scripts/broken.py', 'def oops(:\n');
    const withBuild = await run([unimported], {});
    expect(withBuild.outcome).toBe('rejected');
    expect(withBuild.code).toBe('build_failed');
    const withoutBuild = await run([unimported], { build: false });
    expect(withoutBuild.outcome).toBe('executed');
    expect(withoutBuild.build).toBeNull();
    expect(withoutBuild.frameworkReason).toMatch(/build step turned off for this project/);
  });
});
