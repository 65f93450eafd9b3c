/** JavaScript on Node (Debian's nodejs 18); step tests with node's built-in runner (node --test). */
import type { Runtime } from '../runtime.js';
import { nodeError } from './node-errors.js';
import { nodeTestFramework } from './node-test-step.js';

export const javascriptRuntime: Runtime = {
  name: 'javascript',
  template: 'javascript',
  mainFile: 'main.js',
  extension: 'js',
  compile: null,
  run: ['node', 'main.js'],
  friendlyError: nodeError,
  tests: [nodeTestFramework],
};
