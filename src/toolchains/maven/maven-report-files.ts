/** What the Maven test script leaves under REPORT_DIR, shared by the script and the collector. */
export const MAVEN_REPORTS = {
  /** Copies of every TEST-*.xml, at their project-relative paths below this folder. */
  surefireDir: 'surefire',
  /** Project-relative paths of those reports, one a line, oldest first. */
  surefireOrder: 'surefire-order.txt',
  /** Project-relative paths of every *.java under a src/test/java, one a line. */
  testSources: 'test-sources.txt',
  /** JaCoCo XML written by the image's jacoco-report from the agent's exec file. */
  jacoco: 'jacoco.xml',
  /** Maven's exit code, so "no report" can be told apart from "no tests". */
  exitCode: 'maven-exit-code',
} as const;
