/** PHP (Debian's php-cli 8.2); errors to stderr, not mixed into the program's output; step tests with PHPUnit. */
import type { Runtime } from '../runtime.js';
import { phpError } from './php-errors.js';
import { phpunitFramework } from './phpunit-step.js';

export const phpRuntime: Runtime = {
  name: 'php',
  template: 'php',
  mainFile: 'main.php',
  extension: 'php',
  compile: null,
  run: ['php', '-d', 'display_errors=stderr', '-d', 'log_errors=0', '-d', 'html_errors=0', 'main.php'],
  friendlyError: phpError,
  tests: [phpunitFramework],
};
