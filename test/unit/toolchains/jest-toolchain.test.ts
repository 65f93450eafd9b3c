/** The jest toolchain's pure parts: detection, the host CA bundle, commands, and collect on real reports. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { hostCaBundle } from '../../../src/toolchains/jest/host-ca-bundle.js';
import { jestToolchain } from '../../../src/toolchains/jest/jest-toolchain.js';
import { reportTotals } from '../../../parsers/report.js';
import { readFixture } from '../parsers/fixture.js';

const JS_PROJECT = fileURLToPath(new URL('../../fixtures/projects/jest-js/', import.meta.url));
const TS_PROJECT = fileURLToPath(new URL('../../fixtures/projects/jest-ts/', import.meta.url));

async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-jest-'));
  for (const [path, content] of Object.entries(files)) await writeFile(join(dir, path), content);
  return dir;
}

async function evidence(dir: string): Promise<readonly string[] | null> {
  return jestToolchain.detect(await snapshotProject(dir))?.evidence ?? null;
}

describe('detecting a jest project', () => {
  it('recognises the JavaScript fixture by its package.json', async () => {
    expect(await evidence(JS_PROJECT)).toEqual(['package.json has a "jest" config key', 'package.json\'s test script runs jest ("jest")']);
  });

  it('recognises the TypeScript fixture by its jest.config.js, and says it is TypeScript', async () => {
    expect(await evidence(TS_PROJECT)).toEqual([
      'package.json\'s test script runs jest ("jest")',
      'jest.config.js',
      'tsconfig.json (TypeScript: type-checked with tsc before the tests)',
    ]);
  });

  it('recognises jest as a dependency and every jest.config extension', async () => {
    expect(await evidence(await projectWith({ 'package.json': '{"devDependencies": {"jest": "^29"}}' }))).toEqual(['package.json lists jest in devDependencies']);
    expect(await evidence(await projectWith({ 'package.json': '{"dependencies": {"jest": "^29"}}' }))).toEqual(['package.json lists jest in dependencies']);
    for (const name of ['jest.config.js', 'jest.config.ts', 'jest.config.cjs', 'jest.config.mjs', 'jest.config.json']) {
      expect(await evidence(await projectWith({ [name]: '{}' }))).toEqual([name]);
    }
  });

  it('says nothing about a JavaScript project that does not use jest', async () => {
    expect(await evidence(await projectWith({ 'package.json': '{"scripts": {"test": "mocha"}, "devDependencies": {"mocha": "^10", "jest-junit": "^16"}}', 'tsconfig.json': '{}' }))).toBeNull();
    expect(await evidence(await projectWith({ 'package.json': '{"scripts": {"test": "jester"}}' }))).toBeNull();
  });

  it('ignores a package.json that is not JSON, or whose fields have the wrong types', async () => {
    expect(await evidence(await projectWith({ 'package.json': '{"jest": ' }))).toBeNull();
    expect(await evidence(await projectWith({ 'package.json': '{"scripts": "jest", "devDependencies": ["jest"], "jest": {}}' }))).toEqual(['package.json has a "jest" config key']);
  });
});

describe('the host CA bundle for the image builder stage', () => {
  it('concatenates the .crt files in name order, ending each with a newline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-ca-'));
    await writeFile(join(dir, 'b.crt'), 'B\n');
    await writeFile(join(dir, 'a.crt'), 'A');
    await writeFile(join(dir, 'readme.txt'), 'not a certificate');
    await mkdir(join(dir, 'sub.crt'));
    const bundle = await hostCaBundle(dir);
    expect(bundle.path).toBe('build-ca.crt');
    expect(bundle.content.toString()).toBe('A\nB\n');
  });

  it('is an empty file when the host has no extra CA certificates', async () => {
    expect((await hostCaBundle(join(tmpdir(), 'patchproof-no-such-dir'))).content.length).toBe(0);
  });

  it('is what the toolchain adds to the build context', async () => {
    expect((await jestToolchain.extraContext?.())?.map((f) => f.path)).toEqual(['build-ca.crt']);
  });
});

describe('jest commands', () => {
  it('type-checks TypeScript projects with tsc and has no build step otherwise', async () => {
    expect(jestToolchain.buildCommand({ snapshot: await snapshotProject(JS_PROJECT), changedPaths: [] })).toBeNull();
    const [shell, flag, script] = jestToolchain.buildCommand({ snapshot: await snapshotProject(TS_PROJECT), changedPaths: [] }) ?? [];
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toContain('[ -f tsconfig.json ] || exit 0');
    // Only what the tests reach: a tsconfig of ours extending the project's, listing its test files.
    expect(script).toContain('exec "$@" --noEmit -p .patchproof/tsconfig.tests.json --pretty false');
    expect(script).toContain('/opt/jest-runner/node_modules/typescript/bin/tsc');
  });

  it('type-checks a JavaScript project that the change gives a tsconfig.json', async () => {
    expect(jestToolchain.buildCommand({ snapshot: await snapshotProject(JS_PROJECT), changedPaths: ['tsconfig.json'] })).not.toBeNull();
  });

  it('runs jest with the JSON report and the coverage summary in the report folder, uncoloured', () => {
    const [shell, flag, script] = jestToolchain.testCommand({ snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: [] });
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toContain('mkdir -p .patchproof/reports/coverage');
    expect(script).toContain('export NODE_PATH=/opt/jest-runner/node_modules FORCE_COLOR=0');
    expect(script).toContain(
      '"$JEST_HOME" --ci --watchman=false --passWithNoTests --json --outputFile=.patchproof/reports/jest.json --coverage --coverageReporters=json-summary --coverageReporters=json --coverageDirectory=.patchproof/reports/coverage',
    );
  });

  it('starts jest and tsc only from the image\'s folders, never from the workspace\'s node_modules', () => {
    const context = { snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: ['tsconfig.json'] };
    const [, , test = ''] = jestToolchain.testCommand(context);
    const [, , build = ''] = jestToolchain.buildCommand(context) ?? [];
    for (const script of [test, build]) {
      // Every node_modules named is an absolute one under /opt.
      expect(script.match(/[^ ]*node_modules[^ ]*/g)?.every((path) => /^(?:JEST_HOME=|NODE_PATH=)?\/opt\//.test(path))).toBe(true);
    }
    // jest's own bin would hand over to import-local, which prefers ./node_modules/jest.
    expect(test).not.toContain('bin/jest');
    expect(test).toContain("require(require.resolve('\\''jest-cli'\\''");
  });

});

describe('collecting jest reports', () => {
  const files = (scenario: string) =>
    new Map([
      ['jest.json', Buffer.from(readFixture(`jest/${scenario}/jest.json`))],
      ['coverage/coverage-summary.json', Buffer.from(readFixture(`jest/${scenario}/coverage-summary.json`))],
    ]);

  it('reads the tests and the coverage of a real run', async () => {
    const collected = await jestToolchain.collect(files('mixed'));
    expect(reportTotals(collected.tests)).toEqual({ total: 10, passed: 6, failed: 2, errors: 0, skipped: 2 });
    expect(collected.coverage?.linesPct).toBe(71.42);
    expect([collected.testsProblem, collected.coverageProblem]).toEqual([null, null]);
  });

  it('counts suites that failed to run as errors', async () => {
    const collected = await jestToolchain.collect(files('suite-errors'));
    expect(reportTotals(collected.tests)).toEqual({ total: 4, passed: 4, failed: 0, errors: 5, skipped: 0 });
  });

  it('says which report is missing or unreadable', async () => {
    const collected = await jestToolchain.collect(new Map([['jest.json', Buffer.from('{"numTotalTests": 1')]]));
    expect(collected.tests).toBeNull();
    expect(collected.testsProblem?.message).toMatch(/^jest\.json: not JSON: /);
    expect(collected.coverage).toBeNull();
    expect(collected.coverageProblem?.message).toBe('coverage/coverage-summary.json: no report was written');
  });

  it('explains a run without a report from its exit code', () => {
    expect(jestToolchain.explainMissingReport(1)).toBe('jest stopped before writing its report (exit code 1): its configuration or a setup file could not be loaded');
    expect(jestToolchain.explainMissingReport(127)).toBe('jest could not be started: it is not installed in the image (exit code 127)');
    expect(jestToolchain.explainMissingReport(null)).toBe('the test run crashed before writing a report (exit code unknown)');
  });
});
