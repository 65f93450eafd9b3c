/**
 * Recognises a pytest project from its files alone. Each signal found is kept as evidence, so
 * the result can say why pytest was chosen.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectSnapshot } from '../../project/project-snapshot.js';
import type { Detection } from '../toolchain.js';

const TEST_FILE = /(^|\/)(test_[^/]*\.py|[^/]*_test\.py)$/;

function fileText(snapshot: ProjectSnapshot, path: string): string | null {
  const entry = snapshot.entries.get(path);
  if (entry?.type !== 'file') return null;
  try {
    return readFileSync(join(snapshot.root, path), 'utf8');
  } catch {
    return null;
  }
}

export function detectPytest(snapshot: ProjectSnapshot): Detection | null {
  const evidence: string[] = [];
  if (snapshot.entries.get('pytest.ini')?.type === 'file') evidence.push('pytest.ini');
  if (/^\[tool\.pytest/m.test(fileText(snapshot, 'pyproject.toml') ?? '')) evidence.push('pyproject.toml has [tool.pytest.ini_options]');
  if (/^\[tool:pytest\]/m.test(fileText(snapshot, 'setup.cfg') ?? '')) evidence.push('setup.cfg has [tool:pytest]');
  if (/^\[pytest\]/m.test(fileText(snapshot, 'tox.ini') ?? '')) evidence.push('tox.ini has [pytest]');
  if (snapshot.entries.get('conftest.py')?.type === 'file') evidence.push('conftest.py');
  const testFiles = [...snapshot.entries.values()].filter((e) => e.type === 'file' && TEST_FILE.test(e.path));
  for (const folder of ['tests', 'test']) {
    if (testFiles.some((e) => e.path.startsWith(`${folder}/`))) evidence.push(`${folder}/ holds test_*.py or *_test.py files`);
  }
  if (evidence.length === 0 && testFiles.length > 0) evidence.push(`${testFiles.length} test_*.py or *_test.py file(s), e.g. ${testFiles[0]?.path}`);
  return evidence.length === 0 ? null : { evidence };
}

/** True when the project configures coverage itself; then its settings are used as they are. */
export function hasCoverageConfig(snapshot: ProjectSnapshot): boolean {
  if (snapshot.entries.get('.coveragerc')?.type === 'file') return true;
  if (/^\[tool\.coverage/m.test(fileText(snapshot, 'pyproject.toml') ?? '')) return true;
  return /^\[coverage:/m.test(fileText(snapshot, 'setup.cfg') ?? '') || /^\[coverage:/m.test(fileText(snapshot, 'tox.ini') ?? '');
}
