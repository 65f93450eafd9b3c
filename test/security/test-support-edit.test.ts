/**
 * A change that edits test support instead of the tests: a conftest.py hook that turns every
 * failed result into a pass, beside a change that breaks the code. The hook runs inside pytest,
 * where the report and pytest's own summary both say "passed", so no report check can see it.
 * What a user can do is see it (every result lists test-support edits) and forbid it:
 * under --protect-tests the change is rejected before any image or container is touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_VALIDATION } from '../../src/sandbox/labels.js';
import { docker, write } from '../support/run-validation.js';
import { exampleFile } from '../support/scratch-project.js';
import { Attack } from './attack-harness.js';

const PASS_EVERYTHING = `import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        report.outcome = "passed"
`;

/** Containers the engine created for this validation since `since` (seconds), by its label. */
async function containersCreatedFor(validationId: string, since: number): Promise<number> {
  const stream = await docker.getEvents({
    since,
    until: Math.ceil(Date.now() / 1000) + 1,
    filters: { type: ['container'], event: ['create'], label: [`${LABEL_VALIDATION}=${validationId}`] },
  });
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text.split('\n').filter((line) => line.trim() !== '').length;
}

describe('a test-support file that forges passes', () => {
  let attack: Attack;
  let broken: string;
  beforeAll(async () => {
    attack = await Attack.prepare();
    broken = (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b');
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is rejected under --protect-tests, naming conftest.py, before any container is created', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const result = await attack.run([write('src/calc/__init__.py', broken), write('conftest.py', PASS_EVERYTHING)], {}, { protectTests: true });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_protected');
    expect(result.reason).toBe('the change edits test support files conftest.py (--protect-tests)');
    // Nothing ran: no image looked up, no container, no test command; only the (empty) clean-up.
    expect(result.image).toBeNull();
    expect(result.containerId).toBeNull();
    expect(result.test).toBeNull();
    expect(Object.keys(result.durations).sort()).toEqual(['cleanup', 'total']);
    expect(await containersCreatedFor(result.validationId, since)).toBe(0);
    expect(result.testEdits?.support.added).toEqual({ count: 1, paths: ['conftest.py'] });
    expect(JSON.stringify(result)).not.toContain(attack.marker.content);
  });

  it('is listed as test support in every result without the flag', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const result = await attack.run([write('src/calc/__init__.py', broken), write('conftest.py', PASS_EVERYTHING)]);
    // The outcome is the runner hardening's business (another witness); the listing is this one's.
    expect(result.code).not.toBe('tests_protected');
    expect(result.testEdits).toEqual({
      tests: { added: { count: 0, paths: [] }, modified: { count: 0, paths: [] }, deleted: { count: 0, paths: [] } },
      support: { added: { count: 1, paths: ['conftest.py'] }, modified: { count: 0, paths: [] }, deleted: { count: 0, paths: [] } },
    });
    // The probe of the event query: this run did create its container, and it is seen.
    expect(await containersCreatedFor(result.validationId, since)).toBe(1);
    expect(JSON.stringify(result)).not.toContain(attack.marker.content);
  });

  it('lets new test files through under --protect-tests: a breaking change is then judged by the tests', async () => {
    const result = await attack.run([write('src/calc/__init__.py', broken), write('tests/test_more.py', 'def test_more():\n    assert True\n')], {}, { protectTests: true });
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toMatch(/^1 of 4 tests failed: test_add/);
    expect(result.testEdits?.tests.added.paths).toEqual(['tests/test_more.py']);
  });
});
