/**
 * Which tests and test-support files a change edits, against a real project on disk, and the
 * --protect-tests verdict drawn from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../../src/changes/change.js';
import { type ProjectSnapshot, snapshotProject } from '../../../src/project/project-snapshot.js';
import { protectTests } from '../../../src/pipeline/protect-tests.js';
import { classifyTestEdits, LISTED_PATHS, NO_TEST_EDITS } from '../../../src/pipeline/test-edits.js';
import { pytestTestPaths } from '../../../src/toolchains/python/python-test-paths.js';
import { jestTestPaths } from '../../../src/toolchains/jest/jest-test-paths.js';
import { TempDirs } from '../../support/temp-dirs.js';

const write = (path: string, text = 'x'): Change => ({ kind: 'write', path, content: Buffer.from(text) });
const remove = (path: string): Change => ({ kind: 'delete', path });

const PYPROJECT = '[project]\nname = "calc"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n';
const TEST_CALC = 'def test_add():\n    assert 1 + 1 == 2\n';

const dirs = new TempDirs();
let snapshot: ProjectSnapshot;

beforeAll(async () => {
  snapshot = await snapshotProject(
    await dirs.project({
      'pyproject.toml': PYPROJECT,
      'src/calc/__init__.py': 'def add(a, b):\n    return a + b\n',
      'tests/test_calc.py': TEST_CALC,
      'tests/test_old.py': 'def test_old():\n    pass\n',
      'tests/conftest.py': '',
    }),
  );
});
afterAll(() => dirs.removeAll());

describe('the tests and test support a change edits', () => {
  it('lists added, modified and deleted tests and support, and leaves code and unchanged writes out', () => {
    const edits = classifyTestEdits(
      [
        write('src/calc/__init__.py', 'def add(a, b):\n    return a - b\n'),
        write('tests/test_new.py', 'def test_new():\n    pass\n'),
        write('tests/test_calc.py', `${TEST_CALC}\ndef test_more():\n    pass\n`),
        remove('tests/test_old.py'),
        write('conftest.py', 'import pytest\n'),
        write('tests/conftest.py', 'import os\n'),
        write('pytest.ini', '[pytest]\n'),
        // The same bytes as on disk: no edit at all.
        write('pyproject.toml', PYPROJECT),
      ],
      snapshot,
      pytestTestPaths,
    );
    expect(edits).toEqual({
      tests: { added: { count: 1, paths: ['tests/test_new.py'] }, modified: { count: 1, paths: ['tests/test_calc.py'] }, deleted: { count: 1, paths: ['tests/test_old.py'] } },
      support: { added: { count: 2, paths: ['conftest.py', 'pytest.ini'] }, modified: { count: 1, paths: ['tests/conftest.py'] }, deleted: { count: 0, paths: [] } },
    });
  });

  it('compares pyproject.toml against the project\'s own copy: a version bump is no support edit', () => {
    const bumped = classifyTestEdits([write('pyproject.toml', PYPROJECT.replace('name = "calc"', 'name = "calc2"'))], snapshot, pytestTestPaths);
    expect(bumped).toEqual(NO_TEST_EDITS);
    const hooked = classifyTestEdits([write('pyproject.toml', `${PYPROJECT}addopts = "-p evil"\n`)], snapshot, pytestTestPaths);
    expect(hooked.support.modified).toEqual({ count: 1, paths: ['pyproject.toml'] });
  });

  it('counts every edit but lists at most LISTED_PATHS paths per kind', () => {
    const many = Array.from({ length: LISTED_PATHS + 20 }, (_, i) => write(`tests/test_gen_${String(i).padStart(3, '0')}.py`));
    const edits = classifyTestEdits(many, snapshot, pytestTestPaths);
    expect(edits.tests.added.count).toBe(LISTED_PATHS + 20);
    expect(edits.tests.added.paths).toHaveLength(LISTED_PATHS);
    expect(edits.tests.added.paths[0]).toBe('tests/test_gen_000.py');
  });

  it('reads jest\'s configuration as the change leaves it to find the setup files it names', async () => {
    const project = await snapshotProject(await dirs.project({ 'package.json': JSON.stringify({ jest: { setupFiles: ['./test/env.js'] } }), 'test/env.js': '', 'src/a.js': '' }));
    const edits = classifyTestEdits([write('test/env.js', 'global.x = 1;\n'), write('src/a.js', 'module.exports = 1;\n')], project, jestTestPaths);
    expect(edits.support.modified.paths).toEqual(['test/env.js']);
    expect(edits.tests.added.count + edits.tests.modified.count).toBe(0);
  });
});

describe('--protect-tests', () => {
  it('lets new tests and code through', () => {
    expect(protectTests(classifyTestEdits([write('tests/test_new.py'), write('src/calc/__init__.py', 'y')], snapshot, pytestTestPaths))).toBeNull();
  });

  it('rejects support edits, naming the files', () => {
    const verdict = protectTests(classifyTestEdits([write('conftest.py', 'import pytest\n'), write('pytest.ini', '[pytest]\n')], snapshot, pytestTestPaths));
    expect(verdict).toEqual({ outcome: 'rejected', code: 'tests_protected', reason: 'the change edits test support files conftest.py, pytest.ini (--protect-tests)' });
  });

  it('rejects modified and deleted tests, and says how many more there are past the first five', () => {
    const verdict = protectTests(classifyTestEdits([write('tests/test_calc.py', 'def test_add():\n    pass\n'), remove('tests/test_old.py'), remove('tests/conftest.py')], snapshot, pytestTestPaths));
    expect(verdict?.reason).toBe('the change modifies existing tests tests/test_calc.py and deletes tests tests/test_old.py and edits test support files tests/conftest.py (--protect-tests)');
    const many = Array.from({ length: 7 }, (_, i) => write(`tests/helper_${i}.py`));
    expect(protectTests(classifyTestEdits(many, snapshot, pytestTestPaths))?.reason).toBe(
      'the change edits test support files tests/helper_0.py, tests/helper_1.py, tests/helper_2.py, tests/helper_3.py, tests/helper_4.py (+2 more) (--protect-tests)',
    );
  });
});
