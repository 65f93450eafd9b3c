/**
 * Every citation of docs/ in the code, templates and tests names a file that exists and a section
 * it has ("docs/toolchains.md §4.4" → a heading numbered 4.4; "docs/sandbox.md P12" → a heading
 * naming P12), so a reader who clones the repository can follow it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** A document and at least one section: a bare `docs/x.md` in test data is a path, not a citation. */
const CITATION = /docs\/([a-z-]+\.md)((?:[ ,]+(?:and )?(?:§\d+(?:\.\d+)*|P\d+))+)/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function headings(doc: string): string[] {
  return readFileSync(join(ROOT, 'docs', doc), 'utf8').split('\n').filter((line) => line.startsWith('#'));
}

function hasSection(doc: string, section: string): boolean {
  const lines = headings(doc);
  if (section.startsWith('§')) return lines.some((line) => new RegExp(`^#+ ${section.slice(1).replace(/\./g, '\\.')}[ .]`).test(line));
  return lines.some((line) => new RegExp(`\\b${section}\\b`).test(line));
}

const citations = ['src', 'templates', 'test', 'parsers', 'workers']
  .flatMap((top) => files(join(ROOT, top)))
  .filter((path) => !path.endsWith('doc-citations.test.ts'))
  .flatMap((path) => [...readFileSync(path, 'utf8').matchAll(CITATION)].map((m) => ({ where: relative(ROOT, path), doc: m[1] ?? '', sections: [...(m[2] ?? '').matchAll(/§\d+(?:\.\d+)*|P\d+/g)].map((s) => s[0]) })));

describe('citations of docs/', () => {
  it('are found (the code cites docs/ for the toolchains, the sandbox and the report formats)', () => {
    expect(new Set(citations.map((c) => c.doc))).toEqual(new Set(['toolchains.md', 'sandbox.md', 'reports.md']));
  });

  it('name documents and sections that exist', () => {
    const broken = citations.flatMap((c) => {
      const docs = readdirSync(join(ROOT, 'docs'));
      if (!docs.includes(c.doc)) return [`${c.where}: docs/${c.doc}`];
      return c.sections.filter((s) => !hasSection(c.doc, s)).map((s) => `${c.where}: docs/${c.doc} ${s}`);
    });
    expect(broken).toEqual([]);
  });

  it('no longer point outside the repository', () => {
    const outside = ['src', 'templates', 'test', 'parsers', 'workers']
      .flatMap((top) => files(join(ROOT, top)))
      .filter((path) => !path.endsWith('doc-citations.test.ts') && /(?<!docs\/)\b(?:TOOLCHAINS|SANDBOX|REPORTS|STYLE)\.md/.test(readFileSync(path, 'utf8')));
    expect(outside.map((p) => relative(ROOT, p))).toEqual([]);
  });
});
