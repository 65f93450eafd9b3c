/** bash (the base image's); step tests with bats. */
import type { Runtime } from '../runtime.js';
import { bashError } from './bash-errors.js';
import { batsFramework } from './bats-step.js';

export const bashRuntime: Runtime = {
  name: 'bash',
  template: 'bash',
  mainFile: 'main.sh',
  extension: 'sh',
  compile: null,
  run: ['bash', 'main.sh'],
  friendlyError: bashError,
  tests: [batsFramework],
};
