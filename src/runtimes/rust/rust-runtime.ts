/** Rust (Debian's rustc 1.63, no cargo: one file, the standard library only). */
import type { Runtime } from '../runtime.js';
import { rustError } from './rust-errors.js';

export const rustRuntime: Runtime = {
  name: 'rust',
  template: 'rust',
  mainFile: 'main.rs',
  extension: 'rs',
  compile: ['rustc', '--edition', '2021', '-o', '/tmp/main', 'main.rs'],
  run: ['/tmp/main'],
  friendlyError: rustError,
};
