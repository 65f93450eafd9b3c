import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors/input-error.js';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { detectPytest, hasCoverageConfig } from '../../../src/toolchains/python/detect-pytest.js';
import { selectToolchain } from '../../../src/toolchains/select-toolchain.js';
import { TempDirs } from '../../support/temp-dirs.js';

const dirs = new TempDirs();
afterAll(() => dirs.removeAll());

async function snapshotOf(files: Record<string, string>, links: Record<string, string> = {}) {
  return snapshotProject(await dirs.project(files, links));
}

const CODE = { 'calc/__init__.py': '', 'calc/ops.py': 'def add(a, b):\n    return a + b\n' };

describe('detectPytest', () => {
  it.each([
    ['pytest.ini', { 'pytest.ini': '[pytest]\naddopts = -q\n' }, 'pytest.ini'],
    ['pyproject.toml with [tool.pytest.ini_options]', { 'pyproject.toml': '[project]\nname = "calc"\n\n[tool.pytest.ini_options]\nminversion = "7.0"\n' }, 'pyproject.toml has [tool.pytest.ini_options]'],
    ['setup.cfg with [tool:pytest]', { 'setup.cfg': '[metadata]\nname = calc\n\n[tool:pytest]\ntestpaths = tests\n' }, 'setup.cfg has [tool:pytest]'],
    ['tox.ini with [pytest]', { 'tox.ini': '[tox]\nenvlist = py311\n\n[pytest]\naddopts = -q\n' }, 'tox.ini has [pytest]'],
    ['conftest.py', { 'conftest.py': 'import pytest\n' }, 'conftest.py'],
    ['tests/ with test_*.py', { 'tests/test_ops.py': 'def test_add():\n    pass\n' }, 'tests/ holds test_*.py or *_test.py files'],
    ['test/ with *_test.py', { 'test/ops_test.py': 'def test_add():\n    pass\n' }, 'test/ holds test_*.py or *_test.py files'],
    ['a lone foo_test.py', { 'foo_test.py': 'def test_foo():\n    pass\n' }, '1 test_*.py or *_test.py file(s), e.g. foo_test.py'],
    ['a lone test file in a nested folder', { 'src/calc/test_ops.py': '' }, '1 test_*.py or *_test.py file(s), e.g. src/calc/test_ops.py'],
  ])('recognises %s and gives it as the evidence', async (_signal, files, evidence) => {
    expect(detectPytest(await snapshotOf({ ...CODE, ...files }))).toEqual({ evidence: [evidence] });
  });

  it('gives every signal present, in a fixed order', async () => {
    const snapshot = await snapshotOf({
      ...CODE,
      'tests/test_ops.py': '',
      'conftest.py': '',
      'pytest.ini': '[pytest]\n',
      'tox.ini': '[pytest]\n',
    });
    expect(detectPytest(snapshot)?.evidence).toEqual(['pytest.ini', 'tox.ini has [pytest]', 'conftest.py', 'tests/ holds test_*.py or *_test.py files']);
  });

  it('does not count a lone test file once a stronger signal is present', async () => {
    expect(detectPytest(await snapshotOf({ 'conftest.py': '', 'foo_test.py': '' }))?.evidence).toEqual(['conftest.py']);
  });

  it.each([
    ['configuration files without a pytest section', { 'pyproject.toml': '[tool.black]\nline-length = 100\n', 'setup.cfg': '[metadata]\nname = x\n', 'tox.ini': '[tox]\nenvlist = py3\n' }],
    ['a pytest section name that is not at the start of a line', { 'pyproject.toml': '# see [tool.pytest.ini_options]\n', 'tox.ini': 'x = [pytest]\n' }],
    ['python files that are not tests', { 'tests/helpers.py': '', 'testing.py': '', 'contest.py': '' }],
    ['a pytest.ini that is a folder', { 'pytest.ini/x': '' }],
    ['test files inside skipped folders', { '.venv/lib/test_site.py': '', 'node_modules/x/test_a.py': '' }],
  ])('finds nothing in %s', async (_what, files) => {
    expect(detectPytest(await snapshotOf({ ...CODE, ...files }))).toBeNull();
  });

  it('does not follow a conftest.py that is a symlink', async () => {
    expect(detectPytest(await snapshotOf(CODE, { 'conftest.py': '/etc/hostname' }))).toBeNull();
  });
});

describe('hasCoverageConfig', () => {
  it.each([
    ['.coveragerc', { '.coveragerc': '[run]\nbranch = True\n' }],
    ['pyproject.toml [tool.coverage.run]', { 'pyproject.toml': '[project]\nname = "x"\n\n[tool.coverage.run]\nbranch = true\n' }],
    ['setup.cfg [coverage:run]', { 'setup.cfg': '[metadata]\nname = x\n\n[coverage:run]\nomit = tests/*\n' }],
    ['tox.ini [coverage:report]', { 'tox.ini': '[tox]\n\n[coverage:report]\nshow_missing = true\n' }],
  ])('is true with %s', async (_what, files) => {
    expect(hasCoverageConfig(await snapshotOf({ ...CODE, ...files }))).toBe(true);
  });

  it('is false for a project that only configures pytest', async () => {
    const snapshot = await snapshotOf({ ...CODE, 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "--cov"\n', 'setup.cfg': '[tool:pytest]\n' });
    expect(hasCoverageConfig(snapshot)).toBe(false);
  });
});

describe('selectToolchain', () => {
  it('chooses pytest for a pytest project, with its evidence as the reason', async () => {
    const selection = selectToolchain(await snapshotOf({ ...CODE, 'pytest.ini': '[pytest]\n', 'tests/test_ops.py': '' }));
    expect(selection.toolchain.name).toBe('pytest');
    expect(selection.reason).toBe('pytest.ini; tests/ holds test_*.py or *_test.py files');
  });

  it('refuses a project with no recognisable tests, listing what its root holds', async () => {
    const snapshot = await snapshotOf({ 'README.md': '# nothing to test\n', 'docs/guide.md': '' });
    let error: unknown;
    try {
      selectToolchain(snapshot);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain('no test framework recognised (looked for jest, maven, go, rspec, minitest, pytest)');
    expect(message).toMatch(/the project root holds: (README\.md, docs\/|docs\/, README\.md)$/);
    expect(message).not.toContain('guide.md');
  });

  it('says so when the project root holds nothing', async () => {
    const empty = await snapshotProject(await dirs.make());
    expect(() => selectToolchain(empty)).toThrow(/the project root holds: nothing$/);
  });

  it('takes pytest when it is named, even for a project with no signals', async () => {
    const selection = selectToolchain(await snapshotOf({ 'README.md': '' }), 'pytest');
    expect(selection.toolchain.name).toBe('pytest');
    expect(selection.reason).toBe('named with --framework');
  });

  it('refuses an unknown framework name, listing the known ones', async () => {
    const snapshot = await snapshotOf({ ...CODE, 'pytest.ini': '' });
    expect(() => selectToolchain(snapshot, 'nope')).toThrow(InputError);
    expect(() => selectToolchain(snapshot, 'nope')).toThrow('unknown framework "nope"; known: jest, maven, go, rspec, minitest, pytest');
    expect(() => selectToolchain(snapshot, 'PyTest')).toThrow(InputError);
  });
});

describe('detection order', () => {
  const PACKAGE_WITH_JEST = JSON.stringify({ name: 'web', scripts: { test: 'jest' }, devDependencies: { jest: '^29.0.0' } });
  const POM = '<project><modelVersion>4.0.0</modelVersion><groupId>x</groupId><artifactId>y</artifactId><version>1</version></project>\n';
  const GO_MOD = 'module example.com/svc\n\ngo 1.21\n';

  it.each([
    ['jest over maven', { 'package.json': PACKAGE_WITH_JEST, 'pom.xml': POM }, 'jest', ['maven']],
    ['maven over go', { 'pom.xml': POM, 'go.mod': GO_MOD }, 'maven', ['go']],
    ['go over pytest', { 'go.mod': GO_MOD, 'tests/test_x.py': '', 'pytest.ini': '[pytest]\n' }, 'go', ['pytest']],
    ['go over rspec', { 'go.mod': GO_MOD, '.rspec': '--format progress\n', 'spec/calc_spec.rb': '' }, 'go', ['rspec']],
    ['rspec over pytest', { '.rspec': '', 'Gemfile': "gem 'rspec'\n", 'pytest.ini': '' }, 'rspec', ['pytest']],
    ['minitest over pytest', { Rakefile: "task default: :test\n", 'test/calc_test.rb': '', 'tests/test_x.py': '', 'pytest.ini': '' }, 'minitest', ['pytest']],
    ['jest over everything', { 'package.json': PACKAGE_WITH_JEST, 'pom.xml': POM, 'go.mod': GO_MOD, 'pytest.ini': '' }, 'jest', ['maven', 'go', 'pytest']],
  ])('%s, naming the others that matched', async (_label, files, chosen, others) => {
    const selection = selectToolchain(await snapshotOf(files));
    expect(selection.toolchain.name).toBe(chosen);
    expect(selection.reason).toContain('also matched, lower in detection order');
    for (const other of others) expect(selection.reason).toContain(`${other}: `);
    expect(selection.reason).toContain('use --framework to choose');
  });

  it('says nothing of other toolchains when only one matched', async () => {
    const selection = selectToolchain(await snapshotOf({ 'go.mod': GO_MOD, 'calc/calc.go': 'package calc\n' }));
    expect(selection.toolchain.name).toBe('go');
    expect(selection.reason).not.toContain('also matched');
  });

  it('lets --framework pick a lower one', async () => {
    const selection = selectToolchain(await snapshotOf({ 'package.json': PACKAGE_WITH_JEST, 'go.mod': GO_MOD }), 'go');
    expect(selection.toolchain.name).toBe('go');
  });
});
