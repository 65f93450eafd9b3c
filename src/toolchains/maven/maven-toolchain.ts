/**
 * Maven 3.8.7 with Surefire 2.22.3 (JUnit 5.9 / JUnit 4.13) and JaCoCo 0.8.6, all Debian's and
 * fully offline (docs/toolchains.md §4). POMs as upstream writes them are rewritten in the
 * image's copy to what Debian's repository holds, and declared dependencies Debian packages are
 * installed (image/prepare-maven-image.ts); a dependency found nowhere fails the build, named.
 * Reports: Surefire XML per test class, JaCoCo XML from the agent on Maven's JVM.
 */
import { jacocoLineCoverage, mavenCoverageKey } from '../line-coverage-readers.js';
import type { CollectedReports, CommandContext, Toolchain } from '../toolchain.js';
import { collectMavenReports } from './collect-maven-reports.js';
import { prepareMavenImage } from './image/prepare-maven-image.js';
import { coverageIncludes } from './coverage-includes.js';
import { detectMaven } from './detect-maven.js';
import { buildScript, testScript } from './maven-scripts.js';
import { mavenRerunArgs } from './maven-rerun.js';
import { shWithArgs } from '../rerun-ids.js';
import { mavenTestPaths } from './maven-test-paths.js';
import { readMavenSummary } from './maven-summary.js';

export const mavenToolchain: Toolchain = {
  name: 'maven',
  template: 'maven',
  testPaths: mavenTestPaths,
  detect: detectMaven,
  prepareImage: prepareMavenImage,

  buildCommand(): readonly string[] {
    return ['sh', '-c', buildScript()];
  },

  testCommand(context: CommandContext): readonly string[] {
    const paths = [...context.snapshot.entries.keys(), ...context.changedPaths];
    return ['sh', '-c', testScript(coverageIncludes(paths))];
  },

  rerunCommand(context: CommandContext, ids: readonly string[]): readonly string[] | null {
    const args = mavenRerunArgs(ids);
    if (args === null) return null;
    const paths = [...context.snapshot.entries.keys(), ...context.changedPaths];
    return shWithArgs(testScript(coverageIncludes(paths)), args);
  },

  coverageKey: mavenCoverageKey,

  async collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    return { ...(await collectMavenReports(files)), lineCoverage: await jacocoLineCoverage(files) };
  },

  witness: (run) => readMavenSummary(run.stdout),

  explainMissingReport(exitCode: number | null): string {
    if (exitCode === 0) return 'no tests ran: Surefire found no test classes';
    if (exitCode !== null && exitCode > 128) return `the test run was killed before Surefire wrote a report (exit code ${exitCode})`;
    return `Maven failed before Surefire wrote a report (exit code ${exitCode ?? 'unknown'}); see the test output`;
  },
};
