/** JavaScript on Node (Debian's nodejs 18). */
import type { Runtime } from '../runtime.js';
import { nodeError } from './node-errors.js';

export const javascriptRuntime: Runtime = {
  name: 'javascript',
  template: 'javascript',
  mainFile: 'main.js',
  extension: 'js',
  compile: null,
  run: ['node', 'main.js'],
  friendlyError: nodeError,
};
