/** pytest's tests and test support, and the comparison of the pytest sections of shared config files. */
import { describe, expect, it } from 'vitest';
import { pyprojectPart, pytestTestPaths, setupCfgPart, toxIniPart } from '../../../src/toolchains/python/python-test-paths.js';
import { project, rolesOf, touched } from './touched-file.js';

const PYPROJECT = '[project]\nname = "calc"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\ntestpaths = ["tests"]\n';

describe('pytest test paths', () => {
  it('names tests by pytest\'s default file patterns, anywhere', () => {
    expect(rolesOf(pytestTestPaths, ['tests/test_calc.py', 'pkg/calc_test.py', 'test_root.py', 'src/calc/__init__.py', 'src/calc/testing.py', 'docs/test_notes.txt'])).toEqual({
      'tests/test_calc.py': 'test',
      'pkg/calc_test.py': 'test',
      'test_root.py': 'test',
      'src/calc/__init__.py': null,
      'src/calc/testing.py': null,
      'docs/test_notes.txt': null,
    });
  });

  it('names conftest.py anywhere, helpers in test folders, runner config and runner shadows as support', () => {
    expect(rolesOf(pytestTestPaths, ['conftest.py', 'tests/unit/conftest.py', 'tests/helpers.py', 'test/__init__.py', 'pytest.ini', '.coveragerc', 'pytest.py', 'sitecustomize.py', 'src/evil.pth', 'sub/pytest.ini', 'tests/data.json'])).toEqual({
      'conftest.py': 'support',
      'tests/unit/conftest.py': 'support',
      'tests/helpers.py': 'support',
      'test/__init__.py': 'support',
      'pytest.ini': 'support',
      '.coveragerc': 'support',
      'pytest.py': 'support',
      'sitecustomize.py': 'support',
      'src/evil.pth': 'support',
      // pytest reads its ini file from the root it runs in, not from sub-folders.
      'sub/pytest.ini': null,
      'tests/data.json': null,
    });
  });

  it('counts pyproject.toml only when its pytest or coverage sections change', () => {
    const bumped = PYPROJECT.replace('0.1.0', '0.2.0');
    const hooked = PYPROJECT.replace('testpaths = ["tests"]', 'testpaths = ["tests"]\naddopts = "-p evil"');
    const coverage = `${PYPROJECT}\n[tool.coverage.run]\nomit = ["src/*"]\n`;
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', bumped, PYPROJECT), project())).toBeNull();
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', hooked, PYPROJECT), project())).toBe('support');
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', coverage, PYPROJECT), project())).toBe('support');
    // Deleted, or added new with a pytest section: both change how pytest runs.
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', null, PYPROJECT), project())).toBe('support');
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', PYPROJECT, null), project())).toBe('support');
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', '[project]\nname = "x"\n', null), project())).toBeNull();
  });

  it('compares sections, not layout: comments, blank lines and indentation are no change', () => {
    const reformatted = PYPROJECT.replace('[tool.pytest.ini_options]\n', '# how tests run\n[ tool.pytest.ini_options ]\n\n  ');
    expect(pyprojectPart(reformatted)).toBe(pyprojectPart(PYPROJECT));
    expect(pyprojectPart(PYPROJECT)).toBe('[tool.pytest.ini_options]\npythonpath = ["src"]\ntestpaths = ["tests"]');
  });

  it('sees pytest settings given as dotted keys outside a [tool.pytest...] table', () => {
    const dotted = '[project]\nname = "calc"\n\n[tool]\npytest.ini_options.addopts = "-p evil"\n';
    expect(pyprojectPart(dotted)).toBe('pytest.ini_options.addopts = "-p evil"');
    expect(pytestTestPaths.roleOf(touched('pyproject.toml', dotted, '[project]\nname = "calc"\n'), project())).toBe('support');
  });

  it('reads setup.cfg\'s [tool:pytest] and tox.ini\'s [pytest], with their [coverage:...] sections', () => {
    const cfg = '[metadata]\nname = calc\n\n[tool:pytest]\naddopts = -q\n\n[coverage:run]\nbranch = True\n';
    expect(setupCfgPart(cfg)).toBe('[tool:pytest]\naddopts = -q\n[coverage:run]\nbranch = True');
    expect(pytestTestPaths.roleOf(touched('setup.cfg', cfg.replace('name = calc', 'name = calc2'), cfg), project())).toBeNull();
    expect(pytestTestPaths.roleOf(touched('setup.cfg', cfg.replace('-q', '-p evil'), cfg), project())).toBe('support');
    const tox = '[tox]\nenvlist = py311\n\n[pytest]\naddopts = -q\n';
    expect(toxIniPart(tox)).toBe('[pytest]\naddopts = -q');
    expect(pytestTestPaths.roleOf(touched('tox.ini', tox.replace('py311', 'py312'), tox), project())).toBeNull();
    expect(pytestTestPaths.roleOf(touched('tox.ini', tox.replace('-q', '-x'), tox), project())).toBe('support');
  });
});
