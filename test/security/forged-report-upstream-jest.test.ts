/**
 * The forged-report checks on a real project (issue 18, item 6, jest): memfs 3.4.12 from
 * Debian's source package, with a change that breaks one of its tests and adds a reporter of its
 * own to jest's configuration (a reporter runs in jest's main process). In onRunComplete the
 * reporter rewrites the aggregated results as passed, so jest writes a passing --json report and
 * exits 0. With jest's own reporters dropped there is no summary: `report_mismatch`. Kept beside
 * them, jest's summary reporter runs after custom ones (measured here on jest 28: it printed the
 * rewritten counts), so the witness is forged too: that is the limit the README names, closed by
 * --protect-tests, which refuses the reporter and the configuration as test support.
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
        if (test.status !== 'failed') continue;
        test.status = 'passed';
        test.failureMessages = [];
      }
      suite.numFailingTests = 0;
      suite.numPassingTests = suite.testResults.filter((t) => t.status === 'passed').length;
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

  async function forgingChanges(reporters: readonly string[]): Promise<Change[]> {
    const unref = await readFile(join(dir, 'src/setTimeoutUnref.ts'), 'utf8');
    const pkg = z.looseObject({ jest: z.looseObject({}) }).parse(JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')));
    return [
      write('src/setTimeoutUnref.ts', unref.replace('global, arguments)', 'global, [() => undefined, time])')),
      write('forge-reporter.js', FORGE_REPORTER),
      write('package.json', `${JSON.stringify({ ...pkg, jest: { ...pkg.jest, reporters } }, null, 2)}\n`),
    ];
  }

  async function forge(reporters: readonly string[]): Promise<ValidationResult> {
    const prepared = await prepareProposal(dir, await forgingChanges(reporters), null);
    return validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: pipelineSettings(config, await hostAptMirror(config)), onProgress: () => undefined });
  }

  it('rewritten by a reporter is test support: listed with the result, and refused under --protect-tests', async () => {
    // jest runs reporters, its own summary among them, in its main process: one that also
    // rewrites what the summary prints is the limit the README names, which --protect-tests closes.
    const prepared = await prepareProposal(dir, await forgingChanges(['default', '<rootDir>/forge-reporter.js']), null, undefined, { protectTests: true });
    expect(prepared.testEdits.support.added.paths).toContain('forge-reporter.js');
    expect(prepared.testEdits.support.modified.paths).toContain('package.json');
    const result = await validateProposal(docker, { proposalId: randomUUID(), validationId: randomUUID(), prepared, settings: pipelineSettings(config, await hostAptMirror(config)), onProgress: () => undefined });
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('tests_protected');
    expect(result.image).toBeNull();
  }, 1_200_000);

  it('written by a reporter that replaced jest\'s own, so nothing printed a summary, is not believed', async () => {
    const result = await forge(['<rootDir>/forge-reporter.js']);
    expect(result.test?.exitCode).toBe(0);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toMatch(/^the test run ended early: it exited with code 0, but jest printed no closing summary|^jest printed no closing summary, so the report claiming \d+ passed tests is not believed/);
  }, 1_200_000);
});
