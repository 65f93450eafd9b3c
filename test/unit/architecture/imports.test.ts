import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ImportEdge, importCircles, readImportGraph } from './import-graph.js';
import { DOORS, folderOf, layerOf } from './layers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const edges = readImportGraph(ROOT, ['src', 'workers', 'parsers']);
const show = (e: ImportEdge) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`;

/** The arrows from a lower layer to a higher one. */
function upwardArrows(graph: readonly ImportEdge[]): string[] {
  return graph
    .filter((e) => {
      const [from, to] = [layerOf(folderOf(e.from)), layerOf(folderOf(e.to))];
      return from !== null && to !== null && to > from;
    })
    .map(show);
}

describe('the import graph', () => {
  it('is read from the source (a reader that saw nothing would pass every rule)', () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges).toContainEqual({ from: 'src/pipeline/validate-proposal.ts', to: 'src/sandbox/sandbox.ts', typeOnly: false });
    expect(edges.some((e) => e.from === 'src/pipeline/grade.ts' && e.to === 'src/sandbox/command-result.ts' && e.typeOnly)).toBe(true);
  });

  it('has no import circle', () => {
    expect(importCircles(edges)).toEqual([]);
  });

  it('places every folder in a layer (test/unit/architecture/layers.ts)', () => {
    const unplaced = [...new Set(edges.flatMap((e) => [folderOf(e.from), folderOf(e.to)]))].filter((f) => layerOf(f) === null);
    expect(unplaced).toEqual([]);
  });

  it('has no arrow from a lower layer to a higher one', () => {
    expect(upwardArrows(edges)).toEqual([]);
  });

  it('keeps the core out of the doors', () => {
    const intoDoors = edges.filter((e) => !DOORS.includes(folderOf(e.from)) && folderOf(e.from) !== 'src/bench' && DOORS.includes(folderOf(e.to)));
    expect(intoDoors.map(show)).toEqual([]);
  });

  it('keeps the sandbox out of the pipeline', () => {
    expect(edges.filter((e) => e.from.startsWith('src/sandbox/') && e.to.startsWith('src/pipeline/')).map(show)).toEqual([]);
  });

  it('lets parsers import nothing of src but types', () => {
    expect(edges.filter((e) => e.from.startsWith('parsers/') && e.to.startsWith('src/') && !e.typeOnly).map(show)).toEqual([]);
  });
});

describe('the rules themselves', () => {
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

  it('find a circle, however long, and a file importing itself', () => {
    const circles = importCircles([edge('a.ts', 'b.ts'), edge('b.ts', 'c.ts'), edge('c.ts', 'a.ts'), edge('c.ts', 'd.ts'), edge('e.ts', 'e.ts')]);
    expect(circles).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it('find an arrow up the layers, and allow one down or within a layer', () => {
    expect(upwardArrows([edge('src/sandbox/sandbox.ts', 'src/pipeline/grade.ts', true)])).toEqual(['src/sandbox/sandbox.ts -> src/pipeline/grade.ts (type)']);
    expect(upwardArrows([edge('src/pipeline/grade.ts', 'src/sandbox/sandbox.ts'), edge('src/storage/storage.ts', 'src/baseline/baseline-store.ts')])).toEqual([]);
  });

  it('read type-only imports as such', () => {
    const parserImports = edges.filter((e) => e.from === 'src/pipeline/grade.ts' && e.to === 'parsers/report.ts');
    expect(parserImports.map((e) => e.typeOnly)).toEqual([false]);
  });
});
