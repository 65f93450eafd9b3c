/** Go (Debian's golang-go 1.19, GOPATH mode): built into /tmp, then run; step tests with `go test -json`. */
import type { Runtime } from '../runtime.js';
import { goError } from './go-errors.js';
import { goTestFramework } from './go-test-step.js';

export const goRuntime: Runtime = {
  name: 'go',
  template: 'go',
  mainFile: 'main.go',
  extension: 'go',
  compile: ['go', 'build', '-o', '/tmp/main', 'main.go'],
  run: ['/tmp/main'],
  friendlyError: goError,
  tests: [goTestFramework],
};
