/**
 * The flaky-test scenario every toolchain's test runs through the real pipeline: a test that
 * fails once, then passes in the same sandbox (it leaves a marker in /tmp on its first run, and
 * /tmp is the sandbox's own), and a test that always fails.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { testIdentity } from '../../parsers/report.js';
import type { Change } from '../../src/changes/change.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import type { Toolchain } from '../../src/toolchains/toolchain.js';
import { validate } from './run-validation.js';

/** Where the flaky tests leave their marker: /tmp is fresh in every sandbox. */
export const MARKER = '/tmp/patchproof-flaky-marker';

export async function copyFixture(fixture: string, name: string): Promise<string> {
  const project = join(await mkdtemp(join(tmpdir(), `patchproof-flaky-${name}-`)), name);
  await cp(fixture, project, { recursive: true });
  return project;
}

export function runner(project: string, toolchain: Toolchain): (changes: Change[]) => Promise<ValidationResult> {
  return (changes) => validate(project, changes, {}, { toolchains: [toolchain] });
}

/** The run's identities as a set (sorted: jest, for one, reports its files in the order they finished). */
export function identities(result: ValidationResult): string[] {
  return (result.report?.cases ?? []).map(testIdentity).sort();
}

/** The flaky test passed on rerun 1 and is named; every other test passed the first time. */
export function expectFlakyExecuted(result: ValidationResult, flakyId: string, total: number): void {
  expect(result.outcome, result.reason).toBe('executed');
  expect(result.reason).toMatch(new RegExp(`^${total} of ${total} tests passed \\(1 flaky: ${escape(flakyId)} passed on rerun 1\\)`));
  const flaky = result.report?.cases.filter((c) => c.flaky === true) ?? [];
  expect(flaky.map(testIdentity)).toEqual([flakyId]);
  expect(flaky[0]?.status).toBe('passed');
  expect(result.reruns?.runs).toBe(1);
  expect(result.reruns?.flaky).toEqual([{ id: flakyId, rerun: 1 }]);
  expect(result.reruns?.stopped).toBeNull();
  expect(result.durations['rerun']).toBeGreaterThan(0);
}

/** The always-failing test ran three times (the run and two reruns) and stays failed; the flaky one is still named. */
export function expectFailingStaysFailed(result: ValidationResult, flakyId: string, failingId: string, total: number): void {
  expect(result.outcome, result.reason).toBe('rejected');
  expect(result.code).toBe('tests_failed');
  expect(result.reason).toContain(`1 of ${total} tests failed: `);
  expect(result.reason).toContain(`(1 flaky: ${flakyId} passed on rerun 1)`);
  const failing = result.report?.cases.find((c) => testIdentity(c) === failingId);
  expect(failing?.status).toBe('failed');
  expect(failing?.flaky).toBeUndefined();
  expect(result.reruns?.runs).toBe(2);
  expect(result.reruns?.flaky).toEqual([{ id: flakyId, rerun: 1 }]);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
