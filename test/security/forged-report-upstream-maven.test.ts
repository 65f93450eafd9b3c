/**
 * The forged-report checks on a real Maven project (issue 18, item 6, Maven): commons-csv 1.9.0
 * from Debian's source package, the cheapest of the upstream Maven projects (421 tests; its image
 * is the one test/integration/maven-upstream.test.ts builds, found again by its content tag). Its
 * suite is red in the sandbox before any change (13 tests load resources through the system class
 * loader, which in Maven's own JVM lacks the test classpath). A change adds a test class that, as
 * Maven's JVM ends (tests run in it: -DforkCount=0), takes every failure and error out of the
 * Surefire reports Surefire just wrote and forces the exit code to 0 (Runtime.halt in a shutdown
 * hook). The reports then say all passed, with exit code 0; Maven's own totals, printed before,
 * say otherwise: `report_mismatch`. One validation: that the unchanged project is counted as
 * Surefire counts it (the same 13 failures) is test/integration/maven-upstream.test.ts's, on this image.
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

// Runs as Maven's JVM ends, after Surefire wrote its reports. Java 8 APIs: the POM compiles for 1.8.
const FORGER = `package org.apache.commons.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ZzForgeTest {
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ZzForgeTest::forge));
    }

    static void forge() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Paths.get("target", "surefire-reports"), "TEST-*.xml")) {
            for (Path file : files) {
                String xml = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
                xml = xml.replaceAll("(?s)<(failure|error)\\\\b[^>]*/>", "").replaceAll("(?s)<(failure|error)\\\\b.*?</\\\\1>", "");
                xml = xml.replaceAll("(failures|errors)=\\"\\\\d+\\"", "$1=\\"0\\"");
                Files.write(file, xml.getBytes(StandardCharsets.UTF_8));
            }
        } catch (Exception e) {
            // nothing to forge
        }
        Runtime.getRuntime().halt(0);
    }

    @Test
    void registersTheHook() {
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

  it('rewritten as Maven\'s JVM ends, with the exit code forced to 0, is not believed', { timeout: 40 * MINUTES }, async () => {
    const result = await run([write(`src/test/java/org/apache/commons/csv/ZzForgeTest.java`, FORGER)]);
    expect(result.test?.exitCode).toBe(0);
    expect(result.test?.timedOut ?? false).toBe(false);
    // The reports say every test passed: the rewrite took.
    const forged = reportTotals(result.report);
    expect({ failed: forged.failed, errors: forged.errors }).toEqual({ failed: 0, errors: 0 });
    expect(forged.passed).toBeGreaterThan(400);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    // Maven's own totals, printed before the hook ran, still count the 13 the unchanged project fails.
    const maven = readMavenSummary(result.test?.stdout ?? '');
    expect((maven?.failed ?? 0) + (maven?.errors ?? 0)).toBe(13);
    expect(result.reason).toBe(`the report claims ${forged.passed} of ${forged.total} tests passed, but maven itself printed "${maven?.line}"`);
    expect(maven?.line).toMatch(/BUILD FAILURE$/);
  });
});
