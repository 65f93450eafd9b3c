/**
 * A run of a changed project matched test by test (testIdentity) against the run of the same
 * project unchanged, its baseline: what the change fixed, broke, left failing, added, removed, and
 * which tests were flaky. Pure: the verdict built on it is in grade-relative.ts.
 *
 * Decisions, each said in the README: a test marked flaky now (failed, then passed on a rerun), or
 * flaky in the baseline and failing now, is flaky, never broken. A test that failed in the
 * baseline and passes now is fixed. A test that was skipped before and fails now is broken (it
 * did not fail before). A baseline test gone from the run, or skipped now when it ran before, is
 * removed. A capped baseline (parsers/caps/ keeps failures first) knows every failing test but not
 * every passing one: a test it did not keep is not called added, and one that fails now is broken;
 * only the tests it kept can be called removed, and `note` says so. An RSpec example a change moved
 * (a test added or deleted above it) is matched under its new id (moved-tests.ts).
 */
import { caseTotals, testIdentity, type TestCaseRecord, type TestReport, type TestStatus } from '../../parsers/report.js';
import { movedTests } from './moved-tests.js';
import type { TestEdits } from './test-edits.js';

/** One test of a baseline, as stored. */
export interface BaselineCase {
  readonly identity: string;
  readonly status: TestStatus;
  readonly flaky: boolean;
}

export interface BaselineTests {
  readonly validationId: string;
  readonly cases: readonly BaselineCase[];
  /** Tests the baseline counted, kept as records or not. */
  readonly total: number;
  /** Failures and errors the baseline counted, kept or not. */
  readonly bad: number;
}

/** The lists of validate --json's `comparison` (test identities and paths), each cut at LISTED; `counts` are whole. */
export interface Comparison {
  readonly baseline: { readonly validationId: string; readonly reused: boolean };
  readonly fixed: readonly string[];
  readonly broken: readonly string[];
  readonly stillFailing: readonly string[];
  readonly flaky: readonly string[];
  readonly added: readonly string[];
  /** The added tests that fail: the change's own tests must pass. */
  readonly addedFailing: readonly string[];
  readonly removed: readonly string[];
  readonly modifiedTestFiles: readonly string[];
  readonly counts: Readonly<Record<'fixed' | 'broken' | 'stillFailing' | 'flaky' | 'added' | 'addedFailing' | 'removed' | 'modifiedTestFiles', number>>;
  /** Why a list cannot be complete (a capped baseline or run); null when every list is. */
  readonly note: string | null;
}

/** Identities kept per list in the record: a run of 100,000 failing tests need not name them all. */
export const LISTED = 1_000;

const isBad = (s: TestStatus) => s === 'failed' || s === 'error';

export function compareToBaseline(baseline: BaselineTests, report: TestReport, testEdits: TestEdits | null, reused: boolean): Comparison {
  const before = new Map<string, BaselineCase>();
  for (const c of baseline.cases) {
    const known = before.get(c.identity);
    // A name reported twice (a parametrised duplicate): the worse status is what it was.
    if (known === undefined || (isBad(c.status) && !isBad(known.status))) before.set(c.identity, c);
  }
  const baselineCapped = baseline.total > baseline.cases.length;
  const runCapped = caseTotals(report).total > report.cases.length;
  const lists = { fixed: [] as string[], broken: [] as string[], stillFailing: [] as string[], flaky: [] as string[], added: [] as string[], addedFailing: [] as string[], removed: [] as string[] };
  const moved = movedTests(new Set(before.keys()), new Set(report.cases.map(testIdentity)));
  const seen = new Set<string>();
  for (const c of report.cases) {
    const id = testIdentity(c);
    if (seen.has(id)) continue;
    seen.add(id);
    const movedFrom = moved.get(id);
    if (movedFrom !== undefined) seen.add(movedFrom);
    const was = before.get(movedFrom ?? id);
    const nowBad = isBad(c.status);
    if (c.flaky === true) {
      lists.flaky.push(id);
      continue;
    }
    if (was === undefined) {
      if (!baselineCapped) {
        lists.added.push(id);
        if (nowBad) lists.addedFailing.push(id);
      } else if (nowBad) {
        // Not kept by a capped baseline, which keeps failures first: it did not fail before.
        lists.broken.push(id);
      }
      continue;
    }
    classify(was, c, lists, id);
  }
  if (!runCapped) {
    for (const id of before.keys()) if (!seen.has(id)) lists.removed.push(id);
  }
  const notes: string[] = [];
  if (baselineCapped) notes.push(`the baseline kept ${baseline.cases.length} of its ${baseline.total} tests: the others cannot be checked for removal, nor told apart from added ones`);
  if (runCapped) notes.push(`this run kept ${report.cases.length} of its ${caseTotals(report).total} tests: tests gone from it cannot be told`);
  const edits = testEdits === null ? [] : [...testEdits.tests.modified.paths, ...testEdits.tests.deleted.paths].sort();
  const editCount = testEdits === null ? 0 : testEdits.tests.modified.count + testEdits.tests.deleted.count;
  const cut = (l: string[]) => l.slice(0, LISTED);
  return {
    baseline: { validationId: baseline.validationId, reused },
    fixed: cut(lists.fixed),
    broken: cut(lists.broken),
    stillFailing: cut(lists.stillFailing),
    flaky: cut(lists.flaky),
    added: cut(lists.added),
    addedFailing: cut(lists.addedFailing),
    removed: cut(lists.removed),
    modifiedTestFiles: edits,
    counts: {
      fixed: lists.fixed.length,
      broken: lists.broken.length,
      stillFailing: lists.stillFailing.length,
      flaky: lists.flaky.length,
      added: lists.added.length,
      addedFailing: lists.addedFailing.length,
      removed: lists.removed.length,
      modifiedTestFiles: editCount,
    },
    note: notes.length === 0 ? null : notes.join('; '),
  };
}

type Lists = Record<'fixed' | 'broken' | 'stillFailing' | 'flaky' | 'removed', string[]>;

function classify(was: BaselineCase, now: TestCaseRecord, lists: Lists, id: string): void {
  const wasBad = isBad(was.status);
  const nowBad = isBad(now.status);
  if (nowBad && was.flaky) lists.flaky.push(id);
  else if (nowBad && wasBad) lists.stillFailing.push(id);
  else if (nowBad) lists.broken.push(id);
  else if (now.status === 'skipped' && was.status !== 'skipped') lists.removed.push(id);
  else if (now.status === 'passed' && wasBad) lists.fixed.push(id);
}
