/**
 * Surefire 2.22.3 reports a test class that fails as a whole (a JUnit 5 `@BeforeAll` or JUnit 4
 * `@BeforeClass` that throws, a static initializer that fails) as one pseudo `<testcase>` whose
 * name is the class name itself, e.g.
 *   <testcase name="com.example.BrokenSetupTest" classname="com.example.BrokenSetupTest">
 *     <error message="no database in the sandbox" type="java.lang.IllegalStateException">…
 * (both providers, observed in test/fixtures/reports/maven). JUnit 4 runners that cannot even
 * start a class name it "initializationError". None of the class's tests ran, so it is a suite
 * that failed to load, not one failed test.
 */
import type { TestCaseRecord } from '../report.js';

const JUNIT4_INITIALIZATION_ERROR = 'initializationError';

export function isClassLevelFailure(record: TestCaseRecord): boolean {
  if (record.status !== 'failed' && record.status !== 'error') return false;
  return record.name === record.suite || record.name === JUNIT4_INITIALIZATION_ERROR || record.name === '';
}
