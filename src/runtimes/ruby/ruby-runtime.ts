/** Ruby (Debian's ruby 3.1). */
import type { Runtime } from '../runtime.js';
import { rubyError } from './ruby-errors.js';

export const rubyRuntime: Runtime = {
  name: 'ruby',
  template: 'ruby',
  mainFile: 'main.rb',
  extension: 'rb',
  compile: null,
  run: ['ruby', 'main.rb'],
  friendlyError: rubyError,
};
