/** bash (the base image's). */
import type { Runtime } from '../runtime.js';
import { bashError } from './bash-errors.js';

export const bashRuntime: Runtime = {
  name: 'bash',
  template: 'bash',
  mainFile: 'main.sh',
  extension: 'sh',
  compile: null,
  run: ['bash', 'main.sh'],
  friendlyError: bashError,
};
