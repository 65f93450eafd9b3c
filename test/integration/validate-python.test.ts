/**
 * One proposal at a time through the real pipeline: real engine, real image, real pytest.
 * After every case nothing labelled as ours may be left, whatever the case did.
 */
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { leftovers } from '../support/sandbox-leftovers.js';
import { exampleFile, scratchProject } from '../support/scratch-project.js';
import { docker, validate, write } from '../support/run-validation.js';

const MIB = 1024 * 1024;

describe('validating a Python proposal', () => {
  let project: string;

  beforeAll(async () => {
    project = await scratchProject();
    // Builds the image once for the file (or finds it from an earlier run).
    const warm = await validate(project, []);
    expect(warm.outcome, warm.reason).toBe('executed');
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('executes a change whose tests all pass, with counts, coverage, stats and per-test records', async () => {
    const source = (await exampleFile('src/calc/__init__.py')) + '\n\ndef mul(a, b):\n    return a * b\n';
    const tests = (await exampleFile('tests/test_calc.py')) + '\n\ndef test_mul():\n    from calc import mul\n    assert mul(3, 4) == 12\n';
    const result = await validate(project, [write('src/calc/__init__.py', source), write('tests/test_calc.py', tests)]);

    expect(result.outcome, result.reason).toBe('executed');
    expect(result.reason).toBe('4 of 4 tests passed; 100.0% of lines covered');
    expect(result.report?.cases.map((c) => `${c.suite}::${c.name}:${c.status}`)).toEqual([
      'tests.test_calc::test_add:passed',
      'tests.test_calc::test_div:passed',
      'tests.test_calc::test_div_by_zero:passed',
      'tests.test_calc::test_mul:passed',
    ]);
    expect(result.coverage?.linesPct).toBe(100);
    expect(result.test?.exitCode).toBe(0);
    expect(result.stats.cpuNanos).toBeGreaterThan(0);
    expect(result.stats.peakMemoryBytes).toBeGreaterThan(MIB);
    for (const phase of ['image', 'container', 'apply', 'test', 'collect', 'cleanup', 'total']) {
      expect(result.durations[phase], phase).toBeGreaterThanOrEqual(0);
    }
  });

  it('reuses the image on the second validation of an unchanged project', async () => {
    const first = await validate(project, []);
    const second = await validate(project, []);
    expect(first.imageBuilt).toBe(false);
    expect(second.imageBuilt).toBe(false);
    expect(second.image).toBe(first.image);
  });

  it('rejects a change that makes a test fail, naming the test', async () => {
    const broken = (await exampleFile('src/calc/__init__.py')).replace('return a + b', 'return a - b');
    const result = await validate(project, [write('src/calc/__init__.py', broken)]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_failed');
    expect(result.reason).toBe('1 of 3 tests failed: test_add');
    const failed = result.report?.cases.find((c) => c.name === 'test_add');
    expect(failed?.status).toBe('failed');
    expect(failed?.message).toContain('assert');
  });

  it('rejects a syntax error in a changed file at the build step, naming the file and line', async () => {
    const result = await validate(project, [write('src/calc/__init__.py', 'def add(a, b)\n    return a + b\n')]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('build_failed');
    expect(result.reason).toMatch(/^build failed: src\/calc\/__init__\.py:1: SyntaxError: /);
    expect(result.test).toBeNull();
  });

  it('rejects an import error that only shows when the tests load as a collection error naming the file', async () => {
    const result = await validate(project, [write('src/calc/__init__.py', 'from calc.missing import nothing\n')]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('collection_error');
    expect(result.reason).toContain('tests/test_calc.py');
    expect(result.reason).toMatch(/ModuleNotFoundError|ImportError/);
  });

  it('rejects a proposal that deletes the only test file: zero tests is never a pass', async () => {
    const result = await validate(project, [{ kind: 'delete', path: 'tests/test_calc.py' }]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('no_tests');
    expect(result.reason).toBe('no tests ran: pytest collected none');
  });

  it('stops a test that runs past the deadline and removes its container', async () => {
    const slow = 'import time\n\n\ndef test_slow():\n    time.sleep(600)\n';
    const started = Date.now();
    const result = await validate(project, [write('tests/test_slow.py', slow)], { testTimeoutMs: 3_000 });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('timeout');
    expect(result.reason).toMatch(/^timed out after \d+ s$/);
    expect(result.test?.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('rejects a test that runs out of memory as an OOM kill', async () => {
    const hog = 'def test_hog():\n    blocks = []\n    while True:\n        blocks.append(bytearray(32 * 1024 * 1024))\n';
    const result = await validate(project, [write('tests/test_hog.py', hog)], {
      limits: { memoryBytes: 128 * MIB, cpus: 1, pidsLimit: 256, workspaceBytes: 64 * MIB, tmpBytes: 64 * MIB },
    });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('oom');
    expect(result.reason).toBe('killed: out of memory (limit 128 MiB)');
    expect(result.oomKilled).toBe(true);
  });

  it('rejects a change routed through a symlink the project holds, before any container starts', async () => {
    const linked = await scratchProject();
    await symlink('/etc', join(linked, 'escape'));
    const result = await validate(linked, [write('escape/patchproof-was-here', 'x')]);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('fault:PATH_THROUGH_SYMLINK');
    expect(result.reason).toContain('"escape"');
    expect(result.containerId).toBeNull();
  });

  it('runs a project whose own symlink points outside it, and the symlink stays a symlink', async () => {
    const linked = await scratchProject();
    await symlink('/etc/hostname', join(linked, 'tests', 'hostname-link'));
    const probe = 'import os\n\n\ndef test_link_is_a_link():\n    assert os.path.islink("tests/hostname-link")\n    assert os.readlink("tests/hostname-link") == "/etc/hostname"\n';
    const result = await validate(linked, [write('tests/test_link.py', probe)]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.length).toBe(4);
  });

  it('writes uploaded files as the sandbox user, and new folders too', async () => {
    const probe =
      'import os\n\n\ndef test_owner():\n    st = os.stat("tests/deeper/test_owner.py")\n    assert (st.st_uid, st.st_gid) == (1000, 1000)\n    assert os.stat("tests/deeper").st_uid == 1000\n    assert not st.st_mode & 0o6000\n';
    const result = await validate(project, [write('tests/deeper/test_owner.py', probe)]);
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.map((c) => c.name)).toContain('test_owner');
  });

  it('keeps binary content byte for byte', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
    const probe = `def test_bytes():\n    with open("tests/blob.bin", "rb") as f:\n        assert f.read() == bytes(${JSON.stringify([...bytes])})\n`;
    const result = await validate(project, [{ kind: 'write', path: 'tests/blob.bin', content: bytes }, write('tests/test_blob.py', probe)]);
    expect(result.outcome, result.reason).toBe('executed');
  });

  it('ends as an infrastructure error, not a rejection, when the base image is missing', async () => {
    const result = await validate(project, [], { baseImage: 'patchproof-missing/base:none' });
    expect(result.outcome).toBe('error');
    expect(result.code).toBe('infra:BASE_IMAGE_UNAVAILABLE');
    expect(result.reason).toContain('patchproof-missing/base');
  });

  it('kills the sandbox and cleans up when interrupted mid-test, and records an error', async () => {
    const slow = 'import time\n\n\ndef test_slow():\n    time.sleep(600)\n';
    const aborter = new AbortController();
    setTimeout(() => aborter.abort(), 4_000);
    const result = await validate(project, [write('tests/test_slow.py', slow)], {}, { signal: aborter.signal });
    expect(result.outcome).toBe('error');
    expect(result.code).toBe('infra:ABORTED');
  });
});
