/**
 * Cobertura XML's per-line hits (`<class filename><lines><line number hits/>`) as LineCoverage,
 * files keyed by project path. coverage.py names files relative to one of its `<source>` folders
 * (`/workspace` with `--cov=.`, `/workspace/src` with `source = src`): each filename is joined to
 * every source under the project root, so a project path matches whichever one is right.
 */
import { z } from 'zod';
import { LineCoverageBuilder, underRoot, type LineCoverage } from '../coverage/line-coverage.js';
import { ReportParseError, type ParseResult } from '../report.js';
import { readXml } from '../xml/read-xml.js';
import { describeStructureError, rootElement } from '../xml/root-element.js';

export const COBERTURA_LINES_FORMAT = 'cobertura-lines';

const Attributes = z.record(z.string(), z.string());
const Line = z.union([z.string(), z.object({ $: Attributes.optional() })]);
const Lines = z.union([z.string(), z.object({ line: z.array(Line).optional() })]);
const Class = z.union([z.string(), z.object({ $: Attributes.optional(), lines: z.array(Lines).optional() })]);
const Classes = z.union([z.string(), z.object({ class: z.array(Class).optional() })]);
const Package = z.union([z.string(), z.object({ classes: z.array(Classes).optional() })]);
const Packages = z.union([z.string(), z.object({ package: z.array(Package).optional() })]);
const Source = z.union([z.string(), z.object({ _: z.string().optional() })]);
const Sources = z.union([z.string(), z.object({ source: z.array(Source).optional() })]);
const Coverage = z.union([z.string(), z.object({ sources: z.array(Sources).optional(), packages: z.array(Packages).optional() })]);

const objects = <T>(list: readonly (string | T)[] | undefined): T[] => (list ?? []).filter((item): item is T => typeof item !== 'string');

const failure = (file: string, reason: string): ParseResult<LineCoverage> => ({ ok: false, error: new ReportParseError(file, reason) });

/** `root`: the project's folder as the report names it (the sandbox's /workspace). */
export async function parseCoberturaLines(text: string, file: string, root: string): Promise<ParseResult<LineCoverage>> {
  const xml = await readXml(text, file);
  if (!xml.ok) return xml;
  const element = rootElement(xml.value);
  if (element === null || element.tag !== 'coverage') return failure(file, 'not a Cobertura report: expected a <coverage> root element');
  const parsed = Coverage.safeParse(element.content);
  if (!parsed.success) return failure(file, `not a Cobertura report: ${describeStructureError(element.tag, parsed.error)}`);
  const coverage = typeof parsed.data === 'string' ? {} : parsed.data;

  const sourceTexts = (coverage.sources ?? []).flatMap((s) => (typeof s === 'string' ? [] : (s.source ?? []))).map((s) => (typeof s === 'string' ? s : (s._ ?? '')).trim());
  // A source outside the project names no project file; no source at all: names are project-relative.
  const prefixes = sourceTexts.length === 0 ? [''] : sourceTexts.map((s) => (s === root ? '' : underRoot(s, root))).filter((p): p is string => p !== null);

  const builder = new LineCoverageBuilder();
  const classes = objects(coverage.packages).flatMap((p) => objects(p.package)).flatMap((p) => objects(p.classes)).flatMap((c) => objects(c.class));
  for (const cls of classes) {
    const filename = cls.$?.['filename'];
    if (filename === undefined) continue;
    const keys = (filename.startsWith('/') ? [underRoot(filename, root)] : prefixes.map((prefix) => underRoot(prefix === '' ? filename : `${prefix}/${filename}`, root))).filter((k): k is string => k !== null);
    for (const key of keys) builder.touch(key);
    for (const lines of objects(cls.lines)) {
      for (const line of objects(lines.line)) {
        const number = Number(line.$?.['number']);
        // hits may be a float ("1.0"); anything unreadable counts as not covered.
        const covered = Number(line.$?.['hits']) > 0;
        for (const key of keys) builder.add(key, number, covered);
      }
    }
  }
  return { ok: true, value: builder.build(COBERTURA_LINES_FORMAT) };
}
