import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportTotals } from '../../../parsers/report.js';
import { collectJUnitDirectory, withTestCommand } from '../../../src/toolchains/custom-test-command.js';
import { pytestToolchain } from '../../../src/toolchains/python/pytest-toolchain.js';

const fixture = (path: string) => readFile(fileURLToPath(new URL(`../../fixtures/reports/pytest/${path}`, import.meta.url)));

describe('a project test command', () => {
  it('keeps the toolchain (image, build step) but runs the command in a shell of its own, with the report folder exported', () => {
    const custom = withTestCommand(pytestToolchain, 'make check "quoted arg"');
    expect(custom.template).toBe(pytestToolchain.template);
    const command = custom.testCommand({ snapshot: { root: '/p', entries: new Map() } as never, changedPaths: [] });
    expect(command.slice(0, 2)).toEqual(['sh', '-c']);
    expect(command[2]).toContain('export PATCHPROOF_REPORT_DIR');
    expect(command[2]).toContain('exec sh -c "$0"');
    expect(command[3]).toBe('make check "quoted arg"');
  });

  it('merges every JUnit file in the report folder and reads coverage.xml as Cobertura', async () => {
    const mixed = await fixture('mixed/junit.xml');
    const pass = await fixture('all-pass/junit.xml');
    const coverage = await fixture('all-pass/coverage.xml');
    const collected = await collectJUnitDirectory(new Map([['a.xml', mixed], ['b.xml', pass], ['coverage.xml', coverage]]));
    const alone = await collectJUnitDirectory(new Map([['a.xml', mixed]]));
    const other = await collectJUnitDirectory(new Map([['b.xml', pass]]));
    const sum = (n: keyof ReturnType<typeof reportTotals>) => reportTotals(alone.tests)[n] + reportTotals(other.tests)[n];
    expect(reportTotals(collected.tests).total).toBe(sum('total'));
    expect(reportTotals(collected.tests).failed).toBe(sum('failed'));
    expect(collected.coverage?.linesPct).not.toBeNull();
    expect(alone.coverage).toBeNull();
    expect(alone.coverageProblem?.reason).toBe('no report was written');
  });

  it('says no report was written when the folder holds none, and refuses the whole when one file is unreadable', async () => {
    const none = await collectJUnitDirectory(new Map());
    expect(none.tests).toBeNull();
    expect(none.testsProblem?.reason).toBe('no JUnit XML report was written');
    const truncated = await collectJUnitDirectory(new Map([['a.xml', await fixture('all-pass/junit.xml')], ['b.xml', Buffer.from('<testsuites><testsuite name="x"><testcase name="t"')]]));
    expect(truncated.tests).toBeNull();
    expect(truncated.testsProblem?.file).toBe('b.xml');
  });

  it('keeps the toolchain\'s tests and test support: the project\'s own command runs the same files', () => {
    expect(withTestCommand(pytestToolchain, 'make test').testPaths).toBe(pytestToolchain.testPaths);
  });

  it('explains a missing report in words that name the report folder', () => {
    expect(withTestCommand(pytestToolchain, 'true').explainMissingReport(0)).toMatch(/wrote no JUnit XML report into \$PATCHPROOF_REPORT_DIR \(exit code 0\)/);
  });
});
