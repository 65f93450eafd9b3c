/** Rust (Debian's rustc 1.63, no cargo: one file, the standard library only); step tests with libtest. */
import type { Runtime } from '../runtime.js';
import { libtestFramework } from './libtest-step.js';
import { rustError } from './rust-errors.js';

export const rustRuntime: Runtime = {
  name: 'rust',
  template: 'rust',
  mainFile: 'main.rs',
  extension: 'rs',
  compile: ['rustc', '--edition', '2021', '-o', '/tmp/main', 'main.rs'],
  run: ['/tmp/main'],
  friendlyError: rustError,
  tests: [libtestFramework],
};
