/**
 * JaCoCo XML's per-line counters (`<package name="com/example"><sourcefile name="Calc.java">
 * <line nr mi ci/>`) as LineCoverage, files keyed by package path: `com/example/Calc.java`, the
 * path below a source root (src/main/java). A line is executable when it holds instructions
 * (mi + ci > 0) and covered when one of them ran (ci > 0), as JaCoCo's LINE counter counts.
 */
import { z } from 'zod';
import { LineCoverageBuilder, type LineCoverage } from '../coverage/line-coverage.js';
import { ReportParseError, type ParseResult } from '../report.js';
import { readXml } from '../xml/read-xml.js';
import { describeStructureError, rootElement } from '../xml/root-element.js';

export const JACOCO_LINES_FORMAT = 'jacoco-lines';

const Attributes = z.record(z.string(), z.string());
const Line = z.union([z.string(), z.object({ $: Attributes.optional() })]);
const SourceFile = z.union([z.string(), z.object({ $: Attributes.optional(), line: z.array(Line).optional() })]);
const Package = z.union([z.string(), z.object({ $: Attributes.optional(), sourcefile: z.array(SourceFile).optional() })]);
// Groups (`<group>`, from multi-bundle reports) nest packages one level down.
const Group = z.union([z.string(), z.object({ package: z.array(Package).optional() })]);
const Report = z.union([z.string(), z.object({ package: z.array(Package).optional(), group: z.array(Group).optional() })]);

const objects = <T>(list: readonly (string | T)[] | undefined): T[] => (list ?? []).filter((item): item is T => typeof item !== 'string');

const failure = (file: string, reason: string): ParseResult<LineCoverage> => ({ ok: false, error: new ReportParseError(file, reason) });

export async function parseJacocoLines(text: string, file: string): Promise<ParseResult<LineCoverage>> {
  const xml = await readXml(text, file);
  if (!xml.ok) return xml;
  const element = rootElement(xml.value);
  if (element === null || element.tag !== 'report') return failure(file, 'not a JaCoCo report: expected a <report> root element');
  const parsed = Report.safeParse(element.content);
  if (!parsed.success) return failure(file, `not a JaCoCo report: ${describeStructureError(element.tag, parsed.error)}`);
  const report = typeof parsed.data === 'string' ? {} : parsed.data;

  const builder = new LineCoverageBuilder();
  const packages = [...objects(report.package), ...objects(report.group).flatMap((g) => objects(g.package))];
  for (const pkg of packages) {
    const name = pkg.$?.['name'] ?? '';
    for (const source of objects(pkg.sourcefile)) {
      const fileName = source.$?.['name'];
      if (fileName === undefined || fileName === '') continue;
      const key = name === '' ? fileName : `${name}/${fileName}`;
      builder.touch(key);
      for (const line of objects(source.line)) {
        const missed = Number(line.$?.['mi'] ?? 0);
        const covered = Number(line.$?.['ci'] ?? 0);
        if (!(missed + covered > 0)) continue;
        builder.add(key, Number(line.$?.['nr']), covered > 0);
      }
    }
  }
  return { ok: true, value: builder.build(JACOCO_LINES_FORMAT) };
}
