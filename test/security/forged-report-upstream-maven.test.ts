/**
 * The forged-report checks on a real Maven project (issue 18, item 6, Maven): commons-csv 1.9.0
 * from Debian's source package, the cheapest of the upstream Maven projects (421 tests, all passing
 * in Surefire's fork; its image is the one test/integration/maven-upstream.test.ts builds, found
 * again by its content tag). A change adds a test class with one failing test and, from the fork,
 * starts a background process that keeps taking every failure and error out of the Surefire
 * reports as Surefire writes them (the fork's own exit cannot touch Maven's exit code, so a process
 * that outlives the fork is the strongest forger left). Maven's own totals, printed on its console,
 * say one test failed and the build failed: whatever the reports end up claiming, the change must
 * be rejected, and when the rewrite took, as a mismatch between the report and the runner.
 * One validation: the unchanged project's counts are test/integration/maven-upstream.test.ts's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { reportTotals } from '../../parsers/report.js';
import type { Change } from '../../src/changes/change.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { mavenToolchain } from '../../src/toolchains/maven/maven-toolchain.js';
import { readMavenSummary } from '../../src/toolchains/maven/maven-summary.js';
import { upstreamCopy } from '../support/debian-upstream.js';
import { docker, settings, validate, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const MINUTES = 60_000;

// Fails one test and leaves behind, from the fork, a process rewriting the reports until the
// reaper kills it. Java 8 APIs: the POM compiles for 1.8.
const FORGER = `package org.apache.commons.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZzForgeTest {
    @BeforeAll
    static void startForger() throws Exception {
        // Each rewrite lands whole (a rename): the reaper may kill the loop at any moment.
        String loop = "while :; do for f in target/surefire-reports/TEST-*.xml; do "
            + "perl -0777 -pe 's/<failure\\\\b.*?<\\\\/failure>//gs; s/(failures|errors)=\\"\\\\d+\\"/$1=\\"0\\"/g' \\"$f\\" > \\"$f.t\\" 2>/dev/null && mv \\"$f.t\\" \\"$f\\"; "
            + "done; sleep 0.05; done";
        new ProcessBuilder("sh", "-c", loop).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void failsOnPurpose() {
        assertEquals(2, 1 + 2);
    }
}
`;

const project = await upstreamCopy({ pkg: 'commons-csv', version: '1.9.0-1' }, 'commons-csv');

async function run(changes: Change[]): Promise<ValidationResult> {
  const base = await settings();
  // As maven-upstream.test.ts runs it (the same image), without flaky reruns: Surefire's one run is compared.
  return validate(project ?? '', changes, { limits: { ...base.limits, memoryBytes: 1024 * 1024 * 1024 }, testTimeoutMs: 10 * MINUTES, cpuTimeMs: 10 * MINUTES, imageBuildTimeoutMs: 15 * MINUTES, flakyReruns: 0 }, { toolchains: [mavenToolchain] });
}

describe.skipIf(project === null)('a forged Surefire report on a real project (commons-csv)', () => {
  afterAll(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('a failing test whose reports a process left by the fork rewrites as all passing is not believed', { timeout: 40 * MINUTES }, async () => {
    const result = await run([write(`src/test/java/org/apache/commons/csv/ZzForgeTest.java`, FORGER)]);
    expect(result.test?.timedOut ?? false).toBe(false);
    // Maven's own totals count the one failing test and fail the build.
    const maven = readMavenSummary(result.test?.stdout ?? '');
    expect((maven?.failed ?? 0) + (maven?.errors ?? 0)).toBe(1);
    expect(maven?.line).toMatch(/BUILD FAILURE$/);
    expect(result.test?.exitCode).not.toBe(0);
    expect(result.outcome).toBe('rejected');
    const forged = reportTotals(result.report);
    if (forged.failed + forged.errors === 0) {
      // The rewrite took: the report claims every test passed, and neither Maven's totals nor its exit code agree.
      expect(['report_mismatch', 'exit_code_mismatch']).toContain(result.code);
    } else {
      // Surefire's last write came after the forger's last pass (the failure stands), or the two
      // wrote one report at once and it is unreadable: either way not believed.
      expect(['tests_failed', 'collection_error']).toContain(result.code);
    }
  });
});
