/**
 * Where each function declaration of a profile's files lies, as the go image's func-extents
 * helper (templates/go/func-extents) lists them, so coverage is counted as `go tool cover -func`
 * counts it: only blocks inside a function declaration. One line per file the helper parsed:
 *
 *   github.com/google/go-cmp/cmp/internal/teststructs/structs.go<TAB>79.1,79.59<TAB>171.1,173.2
 *
 * A file with no function is listed with no extent (every block of it is left out); a file the
 * helper could not find or parse is not listed (every block of it counts). Lines that do not
 * read are skipped: the listing only narrows what counts, it never makes a profile unreadable.
 */

export interface FuncExtent {
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** File (as the profile names it) → its functions' extents. */
export type FuncExtents = ReadonlyMap<string, readonly FuncExtent[]>;

const EXTENT = /^(\d+)\.(\d+),(\d+)\.(\d+)$/;

export function parseGoFuncExtents(text: string): FuncExtents {
  const files = new Map<string, FuncExtent[]>();
  for (const line of text.split(/\r?\n/)) {
    const [file, ...fields] = line.split('\t');
    if (file === undefined || file.trim() === '' || !file.endsWith('.go')) continue;
    const extents: FuncExtent[] = [];
    let readable = true;
    for (const field of fields) {
      const match = EXTENT.exec(field.trim());
      if (match === null) {
        readable = false;
        break;
      }
      extents.push({ startLine: Number(match[1]), startCol: Number(match[2]), endLine: Number(match[3]), endCol: Number(match[4]) });
    }
    if (readable) files.set(file, extents);
  }
  return files;
}

/** Whether a block overlaps a function, with go tool cover's own comparisons (cmd/cover/func.go). */
export function insideAFunction(extents: readonly FuncExtent[], startLine: number, startCol: number, endLine: number, endCol: number): boolean {
  return extents.some((f) => {
    const startsAfter = startLine > f.endLine || (startLine === f.endLine && startCol >= f.endCol);
    const endsBefore = endLine < f.startLine || (endLine === f.startLine && endCol <= f.startCol);
    return !startsAfter && !endsBefore;
  });
}
