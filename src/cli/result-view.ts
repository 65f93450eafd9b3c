/**
 * How a validation result is shown: the JSON object agents read (--json) and the short summary
 * people read. Both come from the same fields.
 */
import { reportTotals, testIdentity } from '../../parsers/report.js';
import type { TestEdits } from '../pipeline/test-edits.js';
import type { ValidationResult } from '../pipeline/validation-result.js';
import { comparisonJson, comparisonLines } from './comparison-view.js';
import { changedLinesText } from './changed-lines-view.js';
import { safeLine } from './terminal-text.js';
import { rerunJson, rerunLines } from './rerun-view.js';

export function resultJson(result: ValidationResult, ids: { proposalId: string; validationId: string }) {
  const totals = reportTotals(result.report);
  const test = result.test;
  return {
    verdict: result.outcome,
    reason: result.reason,
    reasonCode: result.code,
    framework: result.framework,
    frameworkReason: result.frameworkReason,
    tests: { total: totals.total, passed: totals.passed, failed: totals.failed, errors: totals.errors, skipped: totals.skipped },
    failures: (result.report?.cases ?? [])
      .filter((c) => c.status === 'failed' || c.status === 'error')
      .map((c) => ({ id: testIdentity(c), suite: c.suite, name: c.name, status: c.status, message: c.message })),
    reruns: rerunJson(result.reruns),
    runErrors: result.report?.runErrors ?? [],
    coverage: { lines: result.coverage?.linesPct ?? null, branches: result.coverage?.branchesPct ?? null },
    timedOut: (test?.timedOut ?? false) || (result.build?.timedOut ?? false),
    oomKilled: result.oomKilled,
    outputLimitExceeded: test?.outputLimitExceeded ?? false,
    outputTruncated: test?.outputTruncated ?? false,
    exitCode: test?.exitCode ?? null,
    durations: result.durations,
    stats: result.stats,
    image: result.image,
    imageBuilt: result.imageBuilt,
    testEdits: result.testEdits,
    comparison: comparisonJson(result.comparison),
    changedLines: result.changedLines,
    coverageDelta: result.coverageDelta,
    proposalId: ids.proposalId,
    validationId: ids.validationId,
  };
}

export function resultSummary(result: ValidationResult, ids: { proposalId: string }): string {
  const word = { executed: 'EXECUTED', rejected: 'REJECTED', error: 'ERROR' }[result.outcome];
  const totals = reportTotals(result.report);
  // The reason quotes test names and messages from the proposal's own report: escaped.
  const lines = [`${word}: ${safeLine(result.reason)}`];
  lines.push(`  framework  ${result.framework} (${safeLine(result.frameworkReason)})`);
  if (result.report !== null) {
    lines.push(`  tests      ${totals.passed} passed, ${totals.failed} failed, ${totals.errors} errors, ${totals.skipped} skipped`);
  }
  if (result.coverage !== null) lines.push(`  coverage   ${result.coverage.linesPct?.toFixed(1) ?? '-'}% lines, ${result.coverage.branchesPct?.toFixed(1) ?? '-'}% branches`);
  lines.push(...changedLinesText(result.changedLines, result.coverageDelta, '  ', 11));
  lines.push(...testEditLines(result.testEdits, '  '));
  lines.push(...rerunLines(result.reruns, '  '));
  lines.push(...comparisonLines(result.comparison, '  '));
  const phases = Object.entries(result.durations).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(', ');
  lines.push(`  time       ${phases}`);
  lines.push(`  image      ${result.image ?? '-'}${result.imageBuilt ? ' (built now)' : ' (reused)'}`);
  lines.push(`  proposal   ${ids.proposalId}`);
  for (const failure of result.releaseFailures) lines.push(`  warning    ${safeLine(failure)}`);
  return lines.join('\n');
}

const SHOWN_IN_TEXT = 10;

/** "  edited tests added tests/test_new.py; modified tests/test_calc.py": one line per role, none when nothing was edited. */
export function testEditLines(edits: TestEdits | null, indent: string): string[] {
  if (edits === null) return [];
  const lines: string[] = [];
  for (const [role, label] of [['tests', 'edited tests'], ['support', 'test support']] as const) {
    const kinds = edits[role];
    const parts = (['added', 'modified', 'deleted'] as const)
      .filter((kind) => kinds[kind].count > 0)
      .map((kind) => {
        const shown = kinds[kind].paths.slice(0, SHOWN_IN_TEXT);
        const more = kinds[kind].count - shown.length;
        return `${kind} ${shown.map(safeLine).join(', ')}${more > 0 ? ` (+${more} more)` : ''}`;
      });
    if (parts.length > 0) lines.push(`${indent}${label} ${parts.join('; ')}`);
  }
  return lines;
}
