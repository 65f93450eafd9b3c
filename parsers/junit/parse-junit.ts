/**
 * JUnit XML (pytest, surefire, jest-junit, gotestsum, rspec_junit_formatter, …) into a
 * TestReport. Records come from `<testcase>` elements only; suite attributes are checked
 * against them and never used as totals (see suite-counts.ts).
 */
import {
  ReportParseError,
  type ParseResult,
  type RunLevelError,
  type TestCaseRecord,
  type TestReport,
  type TestStatus,
} from '../report.js';
import { formatCount } from '../caps/text-caps.js';
import type { XmlCut } from '../xml/clamp-xml.js';
import { readClampedXml } from '../xml/read-xml.js';
import { describeStructureError, rootElement } from '../xml/root-element.js';
import { caseStatus } from './case-status.js';
import { SuiteElement, type OutcomeElement, type SuiteObject, type TestCaseElement } from './junit-schema.js';
import { mergeDuplicates } from './merge-duplicates.js';
import { outcomeMessage } from './outcome-message.js';
import { pytestRunError } from './pytest-run-errors.js';
import { secondsToMs } from './seconds-to-ms.js';
import { NO_ELEMENTS, addCounts, countElement, reconcileSuite, type ElementCounts } from './suite-counts.js';

export const JUNIT_FORMAT = 'junit';

type TestCaseObject = Exclude<TestCaseElement, string>;

interface FoundCase {
  readonly element: TestCaseObject;
  /** `name` of the innermost enclosing `<testsuite>`, for cases without a classname. */
  readonly suiteName: string;
}

interface Walk {
  readonly cases: FoundCase[];
  readonly warnings: string[];
}

// xml2js writes an element with neither attributes nor children as ''.
const asSuite = (element: SuiteElement): SuiteObject => (typeof element === 'string' ? {} : element);
const asCase = (element: TestCaseElement): TestCaseObject => (typeof element === 'string' ? {} : element);

/** Collects test cases depth-first in document order; returns what the subtree's elements add up to. */
function walkSuite(element: SuiteElement, tag: string, enclosingName: string, walk: Walk): ElementCounts {
  const suite = asSuite(element);
  const attributes = suite.$ ?? {};
  const name = tag === 'testsuite' ? (attributes['name'] ?? enclosingName) : enclosingName;
  let counts = NO_ELEMENTS;
  for (const child of suite.testcase ?? []) {
    const testcase = asCase(child);
    walk.cases.push({ element: testcase, suiteName: name });
    counts = addCounts(counts, countElement(testcase));
  }
  for (const nested of suite.testsuite ?? []) {
    counts = addCounts(counts, walkSuite(nested, 'testsuite', name, walk));
  }
  const label = attributes['name'] === undefined ? `<${tag}>` : `<${tag} name="${attributes['name']}">`;
  walk.warnings.push(...reconcileSuite(label, attributes, counts));
  return counts;
}

/** The child element that decided the status: its message is the one worth showing. */
function decidingOutcome(element: TestCaseObject, status: TestStatus): OutcomeElement | undefined {
  switch (status) {
    case 'error':
      return element.error?.[0];
    case 'failed':
      return element.failure?.[0];
    case 'skipped':
      return element.skipped?.[0];
    case 'passed':
      return undefined;
  }
}

function toRecord({ element, suiteName }: FoundCase): TestCaseRecord {
  const attributes = element.$ ?? {};
  const status = caseStatus(element);
  const outcome = decidingOutcome(element, status);
  const file = attributes['file']?.trim();
  return {
    suite: attributes['classname'] ?? suiteName,
    name: attributes['name'] ?? '',
    // pytest's xunit1 and rspec_junit_formatter say where the test lives; xunit2 does not.
    file: file === undefined || file === '' ? null : file,
    status,
    durationMs: secondsToMs(attributes['time']),
    message: outcome === undefined ? null : outcomeMessage(outcome),
  };
}

function failure(file: string, reason: string): ParseResult<TestReport> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

export async function parseJUnit(text: string, file: string): Promise<ParseResult<TestReport>> {
  const xml = await readClampedXml(text, file);
  if (!xml.ok) return xml;

  const root = rootElement(xml.value.document);
  if (root === null) return failure(file, 'not a JUnit report: no root element');
  if (root.tag !== 'testsuites' && root.tag !== 'testsuite') {
    return failure(file, `not a JUnit report: root element is <${root.tag}>, expected <testsuites> or <testsuite>`);
  }
  const suite = SuiteElement.safeParse(root.content);
  if (!suite.success) return failure(file, `not a JUnit report: ${describeStructureError(root.tag, suite.error)}`);

  const walk: Walk = { cases: [], warnings: [] };
  walkSuite(suite.data, root.tag, '', walk);

  const runErrors: RunLevelError[] = [];
  const records: TestCaseRecord[] = [];
  for (const found of walk.cases) {
    const attributes = found.element.$ ?? {};
    const runError = pytestRunError({
      classname: attributes['classname'] ?? '',
      name: attributes['name'] ?? '',
      errors: found.element.error ?? [],
    });
    if (runError !== null) runErrors.push(runError);
    else records.push(toRecord(found));
  }
  const merged = mergeDuplicates(records);
  const cutNotes = xml.value.cuts.map(cutNote);

  return {
    ok: true,
    value: {
      format: JUNIT_FORMAT,
      cases: merged.cases,
      runErrors,
      warnings: [...walk.warnings, ...merged.notes],
      ...(cutNotes.length === 0 ? {} : { truncation: { omitted: { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 }, omittedRunErrors: 0, notes: cutNotes } }),
    },
  };
}

/** What a reader calls the part of a JUnit report that was cut. */
function cutLabel(cut: XmlCut): string {
  if (cut.element === 'testcase' && cut.part === 'name') return 'test name';
  if ((cut.element === 'testcase' && cut.part === 'classname') || (cut.element === 'testsuite' && cut.part === 'name')) return 'suite name';
  if (cut.element === 'testcase' && cut.part === 'file') return 'test file path';
  if (['failure', 'error', 'skipped'].includes(cut.element)) return 'test message';
  return `<${cut.element}> ${cut.part}`;
}

/** "test name cut at 1,000 of 10,485,760 characters" (the same words as cap-report.ts). */
function cutNote(cut: XmlCut): string {
  const what = cutLabel(cut);
  if (cut.count === 1) return `${what} cut at ${formatCount(cut.cap)} of ${formatCount(cut.longest)} characters`;
  return `${formatCount(cut.count)} ${what}s cut at ${formatCount(cut.cap)} characters (the longest had ${formatCount(cut.longest)})`;
}
