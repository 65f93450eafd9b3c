/**
 * Bounds a parsed report before anything keeps it: every string capped (see text-caps.ts), at
 * most MAX_CASES test-case records with failures and errors kept first, and the report says what
 * was cut. The cases dropped still count (`truncation.omitted`), so totals stay exact.
 * Pure and idempotent: capping a capped report changes nothing.
 */
import { tally, type ReportTruncation, type RunLevelError, type TestCaseRecord, type TestReport, type TestTotals } from '../report.js';
import { MAX_CASES, TEXT_CAPS, capNullable, capText, formatCount } from './text-caps.js';

/** Warnings are ours (suite counts that disagree): one per suite at most, but suites are many. */
const MAX_WARNINGS = 100;

/** Tracks the cuts made to one field across all records, for one note. */
class FieldCuts {
  private count = 0;
  private longest = 0;
  constructor(
    private readonly label: string,
    private readonly cap: number,
  ) {}

  take(capped: { cutFrom: number | null }): void {
    if (capped.cutFrom === null) return;
    this.count += 1;
    this.longest = Math.max(this.longest, capped.cutFrom);
  }

  /** "test name cut at 1,000 of 10,485,760 characters", or "3 test names cut at 1,000 characters (the longest had …)". */
  note(): string | null {
    if (this.count === 0) return null;
    if (this.count === 1) return `${this.label} cut at ${formatCount(this.cap)} of ${formatCount(this.longest)} characters`;
    return `${formatCount(this.count)} ${this.label}s cut at ${formatCount(this.cap)} characters (the longest had ${formatCount(this.longest)})`;
  }
}

const NO_OMISSIONS: TestTotals = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };

function addTotals(a: TestTotals, b: TestTotals): TestTotals {
  return { total: a.total + b.total, passed: a.passed + b.passed, failed: a.failed + b.failed, errors: a.errors + b.errors, skipped: a.skipped + b.skipped };
}

const isBad = (c: TestCaseRecord) => c.status === 'failed' || c.status === 'error';

/** Which records to keep: failures and errors first, then the rest, each in report order; kept in report order. */
function keepCases(cases: readonly TestCaseRecord[], max: number): { kept: TestCaseRecord[]; dropped: TestCaseRecord[]; note: string | null } {
  if (cases.length <= max) return { kept: [...cases], dropped: [], note: null };
  const badCount = cases.filter(isBad).length;
  let badRoom = Math.min(badCount, max);
  let otherRoom = max - badRoom;
  const kept: TestCaseRecord[] = [];
  const dropped: TestCaseRecord[] = [];
  for (const c of cases) {
    if (isBad(c) ? badRoom-- > 0 : otherRoom-- > 0) kept.push(c);
    else dropped.push(c);
  }
  const reported = `${formatCount(cases.length)} test cases reported`;
  const note =
    badCount >= max
      ? `${reported}; the first ${formatCount(max)} failures and errors kept (of ${formatCount(badCount)})`
      : `${reported}; ${formatCount(max)} kept: ${badCount === 1 ? 'the 1 failure or error' : `all ${formatCount(badCount)} failures and errors`}, then the first ${formatCount(max - badCount)} others`;
  return { kept, dropped, note };
}

export function capReport(report: TestReport, maxCases = MAX_CASES): TestReport {
  const names = new FieldCuts('test name', TEXT_CAPS.name);
  const suites = new FieldCuts('suite name', TEXT_CAPS.name);
  const files = new FieldCuts('test file path', TEXT_CAPS.name);
  const messages = new FieldCuts('test message', TEXT_CAPS.message);
  // An identity joins a file, suites and a name: room for all three. Cut alike in every run, it still matches.
  const identities = new FieldCuts('test identity', 3 * TEXT_CAPS.name);
  const runErrorTexts = new FieldCuts('run-level error text', TEXT_CAPS.message);

  const { kept, dropped, note: countNote } = keepCases(report.cases, maxCases);
  const cases = kept.map((c): TestCaseRecord => {
    const name = capText(c.name, TEXT_CAPS.name);
    const suite = capText(c.suite, TEXT_CAPS.name);
    const file = capNullable(c.file, TEXT_CAPS.name);
    const message = capNullable(c.message, TEXT_CAPS.message);
    names.take(name);
    suites.take(suite);
    files.take(file);
    messages.take(message);
    const id = c.id === undefined ? null : capText(c.id, 3 * TEXT_CAPS.name);
    if (id !== null) identities.take(id);
    return { ...c, ...(id === null ? {} : { id: id.text }), name: name.text, suite: suite.text, file: file.text, message: message.text };
  });
  const runErrors = report.runErrors.slice(0, maxCases).map((e): RunLevelError => {
    const where = capText(e.where, TEXT_CAPS.name);
    const message = capText(e.message, TEXT_CAPS.message);
    runErrorTexts.take(where);
    runErrorTexts.take(message);
    return { ...e, where: where.text, message: message.text };
  });
  const runErrorNote = report.runErrors.length > maxCases ? `${formatCount(report.runErrors.length)} run-level errors reported; the first ${formatCount(maxCases)} kept` : null;

  const newNotes = [countNote, runErrorNote, names.note(), suites.note(), identities.note(), files.note(), messages.note(), runErrorTexts.note()].filter((n): n is string => n !== null);
  const earlier = report.truncation;
  const omitted = addTotals(earlier?.omitted ?? NO_OMISSIONS, dropped.length === 0 ? NO_OMISSIONS : tally(dropped));
  const omittedRunErrors = (earlier?.omittedRunErrors ?? 0) + Math.max(0, report.runErrors.length - maxCases);
  const notes = [...(earlier?.notes ?? []), ...newNotes];
  const truncation: ReportTruncation | undefined = notes.length === 0 ? undefined : { omitted, omittedRunErrors, notes };
  const warnings = report.warnings.slice(0, MAX_WARNINGS).map((w) => capText(w, TEXT_CAPS.message).text);
  if (report.warnings.length > MAX_WARNINGS) warnings.push(`(and ${formatCount(report.warnings.length - MAX_WARNINGS)} more warnings)`);
  return { ...report, cases, runErrors, warnings, ...(truncation === undefined ? {} : { truncation }) };
}
