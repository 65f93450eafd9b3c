/**
 * pytest's tests and test support. Tests: test_*.py and *_test.py anywhere (pytest's default
 * python_files). Support: conftest.py anywhere (loaded as a plugin), other Python under a tests/
 * or test/ folder (helpers the tests import), pytest.ini and .coveragerc, the pytest and coverage
 * sections of pyproject.toml, setup.cfg and tox.ini (compared, so an edit elsewhere in them is
 * not one), and files that hook or shadow the runner itself (sitecustomize.py, a root pytest.py).
 */
import { baseName, partChanged, sectionsPart } from '../config-parts.js';
import type { TestFileRole, TestPaths, TouchedFile } from '../toolchain.js';

const TEST_FILE = /^(test_.*|.*_test)\.py$/;
const ALWAYS_SUPPORT = new Set(['conftest.py', 'sitecustomize.py', 'usercustomize.py']);
const ROOT_SUPPORT = new Set(['pytest.ini', '.coveragerc', 'pytest.py', 'py.py']);
const IN_TEST_FOLDER = /(^|\/)tests?\//;

/** [tool.pytest...] and [tool.coverage...]; dotted keys naming them in any other table too. */
export function pyprojectPart(text: string | null): string {
  return sectionsPart(text, (h) => /^tool\.(pytest|coverage)(\.|$)/.test(h), /^(tool\.)?(pytest|coverage)\./);
}

/** setup.cfg: [tool:pytest] and [coverage:...]. */
export function setupCfgPart(text: string | null): string {
  return sectionsPart(text, (h) => h === 'tool:pytest' || h.startsWith('coverage:'));
}

/** tox.ini: [pytest] and [coverage:...]. */
export function toxIniPart(text: string | null): string {
  return sectionsPart(text, (h) => h === 'pytest' || h.startsWith('coverage:'));
}

const SECTIONED: Record<string, (text: string | null) => string> = {
  'pyproject.toml': pyprojectPart,
  'setup.cfg': setupCfgPart,
  'tox.ini': toxIniPart,
};

function roleOf(file: TouchedFile): TestFileRole | null {
  const name = baseName(file.path);
  const atRoot = !file.path.includes('/');
  if (ALWAYS_SUPPORT.has(name) || name.endsWith('.pth')) return 'support';
  if (atRoot && ROOT_SUPPORT.has(name)) return 'support';
  const sectioned = atRoot ? SECTIONED[name] : undefined;
  if (sectioned !== undefined) return partChanged(file.before, file.after, sectioned) ? 'support' : null;
  if (!name.endsWith('.py')) return null;
  if (TEST_FILE.test(name)) return 'test';
  return IN_TEST_FOLDER.test(file.path) ? 'support' : null;
}

export const pytestTestPaths: TestPaths = { roleOf };
