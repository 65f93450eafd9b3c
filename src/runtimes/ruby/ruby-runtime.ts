/** Ruby (Debian's ruby 3.1); step tests with minitest, through the ruby toolchain's JUnit plugin. */
import type { Runtime } from '../runtime.js';
import { minitestFramework } from './minitest-step.js';
import { rubyError } from './ruby-errors.js';

export const rubyRuntime: Runtime = {
  name: 'ruby',
  template: 'ruby',
  extraContext: [['ruby/sandbox/minitest', 'minitest']],
  mainFile: 'main.rb',
  extension: 'rb',
  compile: null,
  run: ['ruby', 'main.rb'],
  friendlyError: rubyError,
  tests: [minitestFramework],
};
