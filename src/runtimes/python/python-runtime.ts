/** Python 3 (Debian's python3); step tests with pytest, through the toolchain's launcher and witness. */
import type { Runtime } from '../runtime.js';
import { pytestFramework } from './pytest-step.js';
import { pythonError } from './python-errors.js';

export const pythonRuntime: Runtime = {
  name: 'python',
  template: 'python',
  extraContext: [['python/pytest', 'pytest']],
  mainFile: 'main.py',
  extension: 'py',
  compile: null,
  run: ['python3', '-B', '-u', 'main.py'],
  friendlyError: pythonError,
  tests: [pytestFramework],
};
