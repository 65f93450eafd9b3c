/**
 * TypeScript: compiled by Debian's tsc (node-typescript 4.8) into /tmp, then run by node with
 * source maps, so run-time errors point into main.ts. It shares the javascript image (one build),
 * which carries a loose declaration of node's globals: bookworm packages no @types/node.
 */
import type { Runtime } from '../runtime.js';
import { typescriptError } from './tsc-errors.js';

export const typescriptRuntime: Runtime = {
  name: 'typescript',
  template: 'javascript',
  mainFile: 'main.ts',
  extension: 'ts',
  compile: ['tsc', '--pretty', 'false', '--strict', '--target', 'es2020', '--lib', 'es2020', '--module', 'commonjs', '--sourceMap', '--skipLibCheck', '--rootDir', '.', '--outDir', '/tmp/ts', 'main.ts', '/opt/patchproof/ts/node-globals.d.ts'],
  run: ['node', '--enable-source-maps', '/tmp/ts/main.js'],
  friendlyError: typescriptError,
};
