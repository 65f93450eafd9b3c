/**
 * JaCoCo XML (jacoco:report, jacococli, our image's jacoco-report) into a CoverageSummary.
 *
 * Totals are the LINE and BRANCH `<counter>` elements directly under `<report>`. JaCoCo writes
 * only non-zero counters, so a missing BRANCH counter means no branches (0/0, percent null) and a
 * missing LINE counter means no lines were analysed, not missing data. A line counts as covered
 * when at least one of its instructions ran (jacoco.org doc/counters.html). The external
 * `<!DOCTYPE report … "report.dtd">` JaCoCo always writes is not fetched: sax ignores it.
 */
import { percentOf } from '../coverage/percent.js';
import { ReportParseError, type CoverageSummary, type ParseResult } from '../report.js';
import { readXml } from '../xml/read-xml.js';
import { describeStructureError, rootElement } from '../xml/root-element.js';
import { ReportElement, type CounterElement } from './jacoco-schema.js';

export const JACOCO_FORMAT = 'jacoco';

interface Counts {
  readonly covered: number;
  readonly valid: number;
}

type CountsOrProblem = { counts: Counts } | { problem: string };

function parseCount(text: string): number | null {
  const value = Number(text);
  return text.trim() !== '' && Number.isInteger(value) && value >= 0 ? value : null;
}

/** The totals of one counter type; 0/0 when JaCoCo left it out for being zero. */
function totals(counters: readonly CounterElement[], type: 'LINE' | 'BRANCH'): CountsOrProblem {
  const matching = counters.filter((c) => c.$.type === type);
  if (matching.length > 1) return { problem: `<report> has ${matching.length} ${type} counters, expected at most one` };
  const [counter] = matching;
  if (counter === undefined) return { counts: { covered: 0, valid: 0 } };
  const missed = parseCount(counter.$.missed);
  const covered = parseCount(counter.$.covered);
  if (missed === null || covered === null) {
    return { problem: `${type} counter has missed="${counter.$.missed}" covered="${counter.$.covered}", not counts` };
  }
  return { counts: { covered, valid: missed + covered } };
}

function failure(file: string, reason: string): ParseResult<CoverageSummary> {
  return { ok: false, error: new ReportParseError(file, reason) };
}

export async function parseJacoco(text: string, file: string): Promise<ParseResult<CoverageSummary>> {
  const xml = await readXml(text, file);
  if (!xml.ok) return xml;

  const root = rootElement(xml.value);
  if (root === null) return failure(file, 'not a JaCoCo report: no root element');
  if (root.tag !== 'report') return failure(file, `not a JaCoCo report: root element is <${root.tag}>, expected <report>`);
  const parsed = ReportElement.safeParse(root.content);
  if (!parsed.success) return failure(file, `not a JaCoCo report: ${describeStructureError(root.tag, parsed.error)}`);
  const counters = typeof parsed.data === 'string' ? [] : (parsed.data.counter ?? []);

  const lines = totals(counters, 'LINE');
  if ('problem' in lines) return failure(file, lines.problem);
  const branches = totals(counters, 'BRANCH');
  if ('problem' in branches) return failure(file, branches.problem);

  return {
    ok: true,
    value: {
      format: JACOCO_FORMAT,
      linesPct: percentOf(lines.counts.covered, lines.counts.valid),
      linesCovered: lines.counts.covered,
      linesValid: lines.counts.valid,
      branchesPct: percentOf(branches.counts.covered, branches.counts.valid),
      branchesCovered: branches.counts.covered,
      branchesValid: branches.counts.valid,
    },
  };
}
