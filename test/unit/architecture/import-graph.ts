/**
 * The import graph of src/, workers/ and parsers/, read from the source text: every relative
 * import, export-from and dynamic import, with whether it is erased at build (type-only). Read
 * by a scan, not the compiler, so it sees exactly what a reader sees at the top of each file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface ImportEdge {
  /** Repository-relative paths, `.ts`. */
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

const STATIC = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'([^']+)'/gm;
const BARE = /^\s*import\s+'([^']+)'/gm;
const DYNAMIC = /import\(\s*'([^']+)'\s*\)/g;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** `import { type A, type B } from` erases as `import type` does. */
function allNamesAreTypes(clause: string): boolean {
  const braces = /^\{([\s\S]*)\}$/.exec(clause.trim());
  if (braces?.[1] === undefined) return false;
  const names = braces[1].split(',').map((n) => n.trim()).filter((n) => n !== '');
  return names.length > 0 && names.every((n) => n.startsWith('type '));
}

export function readImportGraph(root: string, tops: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const file of tops.flatMap((top) => tsFiles(join(root, top)))) {
    const text = readFileSync(file, 'utf8');
    const from = relative(root, file);
    const add = (spec: string, typeOnly: boolean) => {
      if (!spec.startsWith('.')) return; // a package
      edges.push({ from, to: relative(root, resolve(dirname(file), spec)).replace(/\.js$/, '.ts'), typeOnly });
    };
    for (const m of text.matchAll(STATIC)) add(m[4] ?? '', m[2] !== undefined || allNamesAreTypes(m[3] ?? ''));
    for (const m of text.matchAll(BARE)) add(m[1] ?? '', false);
    for (const m of text.matchAll(DYNAMIC)) add(m[1] ?? '', false);
  }
  return edges;
}

/** Each import circle once, as the files in it (strongly connected components of two or more, or a file importing itself). */
export function importCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (;;) {
      const w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) circles.push(component.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return circles;
}
