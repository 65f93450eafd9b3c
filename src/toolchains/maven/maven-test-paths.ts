/**
 * Maven's tests and test support. Tests: Surefire's default includes (Test*.java, *Test.java,
 * *Tests.java, *TestCase.java) under any module's src/test/. Support: everything else under
 * src/test/ (base classes, resources such as junit-platform.properties or META-INF/services that
 * register extensions), .mvn/ (maven.config, jvm.config, extensions.xml), and a pom.xml whose
 * <build>, <profiles> or <properties> changed: plugins (surefire, failsafe, jacoco, anything bound
 * to a test phase) and the properties they read (skipTests, argLine). A dependency edit is not one.
 */
import { baseName, partChanged, xmlElementsPart } from '../config-parts.js';
import type { TestFileRole, TestPaths, TouchedFile } from '../toolchain.js';

const TEST_CLASS = /^(Test[^/]*|[^/]*(Test|Tests|TestCase))\.(java|kt|groovy)$/;

/** The parts of a pom.xml that decide how tests run. */
export function pomPart(text: string | null): string {
  return xmlElementsPart(text, ['build', 'profiles', 'properties']);
}

function roleOf(file: TouchedFile): TestFileRole | null {
  const name = baseName(file.path);
  if (name === 'pom.xml') return partChanged(file.before, file.after, pomPart) ? 'support' : null;
  if (/^\.mvn\//.test(file.path)) return 'support';
  if (!/(^|\/)src\/test\//.test(file.path)) return null;
  return TEST_CLASS.test(name) && /(^|\/)src\/test\/(java|kotlin|groovy)\//.test(file.path) ? 'test' : 'support';
}

export const mavenTestPaths: TestPaths = { roleOf };
