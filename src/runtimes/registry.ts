/** Every runtime patchproof runs code in, one line each. */
import { bashRuntime } from './bash/bash-runtime.js';
import { goRuntime } from './go/go-runtime.js';
import { javaRuntime } from './java/java-runtime.js';
import { javascriptRuntime } from './javascript/javascript-runtime.js';
import { phpRuntime } from './php/php-runtime.js';
import { pythonRuntime } from './python/python-runtime.js';
import type { Runtime } from './runtime.js';
import type { RuntimeName } from '../runtime-names.js';
import { rubyRuntime } from './ruby/ruby-runtime.js';
import { rustRuntime } from './rust/rust-runtime.js';
import { typescriptRuntime } from './typescript/typescript-runtime.js';

export const RUNTIMES: readonly Runtime[] = [
  pythonRuntime,
  javascriptRuntime,
  typescriptRuntime,
  rubyRuntime,
  goRuntime,
  javaRuntime,
  bashRuntime,
  rustRuntime,
  phpRuntime,
];

export { RUNTIME_NAMES, type RuntimeName } from '../runtime-names.js';

export function runtimeNamed(name: RuntimeName): Runtime {
  const found = RUNTIMES.find((r) => r.name === name);
  // RUNTIME_NAMES and RUNTIMES are kept together in this file: a miss is a bug here.
  if (found === undefined) throw new Error(`runtime ${name} is named but not registered`);
  return found;
}
