/**
 * Cobertura XML into a CoverageSummary: line and branch counts, percentages derived from them.
 *
 * Counts come from the root attributes (`lines-valid`, `lines-covered`, `branches-valid`,
 * `branches-covered`) when the writer gives them: they are exact, whereas `line-rate` is
 * rounded ("0.9048") and reads "1" when nothing was measured. Writers that give only rates
 * (the original Java Cobertura) are counted from their `<line>` elements instead.
 */
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { percentOf } from '../coverage/percent.js';
import { readXml } from '../xml/read-xml.js';
import { describeStructureError, rootElement } from '../xml/root-element.js';
import { CoverageElement } from './cobertura-schema.js';

export const COBERTURA_FORMAT = 'cobertura';

interface Counts {
  readonly covered: number;
  readonly valid: number;
}

type CoverageObject = Exclude<CoverageElement, string>;

const objects = <T>(list: readonly (string | T)[] | undefined): T[] =>
  (list ?? []).filter((item): item is T => typeof item !== 'string');

// The "(1/2)" in condition-coverage="50% (1/2)": branches taken / branches possible.
const CONDITION_COVERAGE = /\((\d+)\/(\d+)\)/;

type LineAttributes = Readonly<Record<string, string>>;

/** Attributes of every class-level `<line>`, in document order. */
function* classLines(coverage: CoverageObject): Generator<LineAttributes> {
  const classes = objects(coverage.packages)
    .flatMap((packages) => objects(packages.package))
    .flatMap((pkg) => objects(pkg.classes))
    .flatMap((group) => objects(group.class));
  for (const cls of classes) {
    for (const lines of objects(cls.lines)) {
      for (const line of objects(lines.line)) yield line.$ ?? {};
    }
  }
}

/** Lines and branches counted from the `<line>` elements, for writers that give only rates. */
function countLineElements(coverage: CoverageObject): { lines: Counts; branches: Counts } {
  let linesValid = 0;
  let linesCovered = 0;
  let branchesValid = 0;
  let branchesCovered = 0;
  for (const line of classLines(coverage)) {
    // Codecov skips number="undefined" (seen from some istanbul versions); so do we.
    const number = line['number'];
    if (number !== undefined && !/^\d+$/.test(number.trim())) continue;
    linesValid++;
    // hits may be a float ("1.0"); anything unreadable counts as not covered.
    if (Number(line['hits']) > 0) linesCovered++;
    const condition = line['branch'] === 'true' ? CONDITION_COVERAGE.exec(line['condition-coverage'] ?? '') : null;
    if (condition !== null) {
      branchesCovered += Number(condition[1]);
      branchesValid += Number(condition[2]);
    }
  }
  return {
    lines: { covered: linesCovered, valid: linesValid },
    branches: { covered: branchesCovered, valid: branchesValid },
  };
}

type CountsOrProblem = { counts: Counts | null } | { problem: string };

function parseCount(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The pair of root attributes as counts; `counts: null` when the writer did not give both. */
function attributeCounts(attributes: Readonly<Record<string, string>>, kind: 'lines' | 'branches'): CountsOrProblem {
  const validText = attributes[`${kind}-valid`];
  const coveredText = attributes[`${kind}-covered`];
  if (validText === undefined || coveredText === undefined) return { counts: null };
  const valid = parseCount(validText);
  if (valid === null) return { problem: `${kind}-valid="${validText}" is not a count` };
  const covered = parseCount(coveredText);
  if (covered === null) return { problem: `${kind}-covered="${coveredText}" is not a count` };
  return { counts: { covered, valid } };
}

function failure(file: string, reason: string): ParseResult<CoverageSummary> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

export async function parseCobertura(text: string, file: string): Promise<ParseResult<CoverageSummary>> {
  const xml = await readXml(text, file);
  if (!xml.ok) return xml;

  const root = rootElement(xml.value);
  if (root === null) return failure(file, 'not a Cobertura report: no root element');
  if (root.tag !== 'coverage') return failure(file, `not a Cobertura report: root element is <${root.tag}>, expected <coverage>`);
  const parsed = CoverageElement.safeParse(root.content);
  if (!parsed.success) return failure(file, `not a Cobertura report: ${describeStructureError(root.tag, parsed.error)}`);
  const coverage: CoverageObject = typeof parsed.data === 'string' ? {} : parsed.data;
  const attributes = coverage.$ ?? {};

  const fromLines = attributeCounts(attributes, 'lines');
  if ('problem' in fromLines) return failure(file, fromLines.problem);
  const fromBranches = attributeCounts(attributes, 'branches');
  if ('problem' in fromBranches) return failure(file, fromBranches.problem);
  const counted = fromLines.counts === null || fromBranches.counts === null ? countLineElements(coverage) : null;
  const lines = fromLines.counts ?? counted?.lines ?? { covered: 0, valid: 0 };
  const branches = fromBranches.counts ?? counted?.branches ?? { covered: 0, valid: 0 };

  if (lines.covered > lines.valid) return failure(file, `lines-covered (${lines.covered}) exceeds lines-valid (${lines.valid})`);
  if (branches.covered > branches.valid) {
    return failure(file, `branches-covered (${branches.covered}) exceeds branches-valid (${branches.valid})`);
  }

  return {
    ok: true,
    value: {
      format: COBERTURA_FORMAT,
      linesPct: percentOf(lines.covered, lines.valid),
      linesCovered: lines.covered,
      linesValid: lines.valid,
      branchesPct: percentOf(branches.covered, branches.valid),
      branchesCovered: branches.covered,
      branchesValid: branches.valid,
    },
  };
}
