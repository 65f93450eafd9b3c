/**
 * The forged-report checks on a real project (issue 18, item 6, jest): memfs 3.4.12 from
 * Debian's source package, with a change that breaks one of its tests and adds a reporter of its
 * own to jest's configuration (a reporter runs in jest's main process). In onRunComplete the
 * reporter rewrites the aggregated results as all passed, so jest writes a passing --json report
 * and exits 0. jest's own summary, printed by its default reporter before, still counts the
 * failure: `report_mismatch`. With the default reporter dropped there is no summary at all:
 * `report_mismatch` too. The reporter and the configuration are listed as test support.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Change } from '../../src/changes/change.js';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';
import { prepareProposal } from '../../src/pipeline/prepare.js';
import { pipelineSettings } from '../../src/pipeline/settings.js';
import { validateProposal } from '../../src/pipeline/validate-proposal.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { memfsCopy } from '../support/memfs-upstream.js';
import { docker, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const FORGE_REPORTER = `// Rewrites jest's aggregated results as all passed, after jest's own reporters printed them.
class ForgeReporter {
  onRunComplete(_contexts, results) {
    for (const suite of results.testResults) {
      for (const test of suite.testResults) {
        test.status = 'passed';
        test.failureMessages = [];
      }
      suite.numFailingTests = 0;
      suite.numPassingTests = suite.testResults.length;
      suite.failureMessage = null;
      suite.testExecError = undefined;
    }
    results.numFailedTests = 0;
    results.numFailedTestSuites = 0;
    results.numRuntimeErrorTestSuites = 0;
    results.numPassedTests = results.numTotalTests - results.numPendingTests - results.numTodoTests;
    results.numPassedTestSuites = results.numTotalTestSuites;
    results.success = true;
  }
}
module.exports = ForgeReporter;
`;

// A real suite through ts-jest with coverage on a shared machine: the configuration's room, not the attack suite's small limits.
const config = loadConfig({ PATCHPROOF_TEST_TIMEOUT_S: '900', PATCHPROOF_BUILD_TIMEOUT_S: '900', PATCHPROOF_CPU_TIME_S: '900' });
const project = await memfsCopy();

describe.skipIf(project === null)('a forged jest report on a real project (memfs)', () => {
  const dir = project ?? '';

  afterAll(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  async function forge(reporters: readonly string[]): Promise<ValidationResult> {
    const unref = await readFile(join(dir, 'src/setTimeoutUnref.ts'), 'utf8');
    const pkg = z.looseObject({ jest: z.looseObject({}) }).parse(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
    const changes: Change[] = [
      write('src/setTimeoutUnref.ts', unref.replace('global, arguments)', 'global, [() => undefined, time])')),
      write('forge-reporter.js', FORGE_REPORTER),
      write('package.json', `${JSON.stringify({ ...pkg, jest: { ...pkg.jest, reporters } }, null, 2)}\n`),
    ];
    const prepared = await prepareProposal(dir, changes, null);
    return validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: pipelineSettings(config, await hostAptMirror(config)), onProgress: () => undefined });
  }

  it('rewritten by a reporter after jest printed its summary is not believed', async () => {
    const result = await forge(['default', '<rootDir>/forge-reporter.js']);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.length).toBeGreaterThan(200);
    expect(result.report?.cases.every((c) => c.status === 'passed' || c.status === 'skipped')).toBe(true);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    // memfs skips some of its tests: "N of M" counts them in M.
    expect(result.reason).toMatch(/^the report claims \d+ of \d+ tests passed, but jest itself printed "Test Suites: [1-9]\d* failed, .* \/ Tests: +[1-9]\d* failed, /);
    expect(result.testEdits?.support.added.paths).toContain('forge-reporter.js');
    expect(result.testEdits?.support.modified.paths).toContain('package.json');
  }, 1_200_000);

  it('written by a reporter that replaced jest\'s own, so nothing printed a summary, is not believed', async () => {
    const result = await forge(['<rootDir>/forge-reporter.js']);
    expect(result.test?.exitCode).toBe(0);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toMatch(/^the test run ended early: it exited with code 0, but jest printed no closing summary|^jest printed no closing summary, so the report claiming \d+ passed tests is not believed/);
  }, 1_200_000);
});
