/**
 * Java (Debian's OpenJDK 17): javac into /tmp, then the JVM with a serial collector and the
 * quick JIT tier only, which start fastest inside a small container. The class is `Main`.
 * Step tests with JUnit (Debian's junit5).
 */
import type { Runtime } from '../runtime.js';
import { javaError } from './java-errors.js';
import { junitFramework } from './junit-step.js';

export const javaRuntime: Runtime = {
  name: 'java',
  template: 'java',
  mainFile: 'Main.java',
  extension: 'java',
  compile: ['javac', '-J-XX:+UseSerialGC', '-J-XX:TieredStopAtLevel=1', '-d', '/tmp/classes', 'Main.java'],
  run: ['java', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-cp', '/tmp/classes', 'Main'],
  friendlyError: javaError,
  tests: [junitFramework],
};
