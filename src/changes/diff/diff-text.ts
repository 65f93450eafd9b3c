/**
 * A diff's bytes and where each of its lines starts: one buffer and one offset table, never a
 * string or buffer per line (a 20 MB diff of short lines once took 2 GB that way, issue 12).
 * Header lines are decoded (latin1: one character per byte) only when the grammar asks for one.
 */
import { InputError } from '../../errors/input-error.js';

/** Throws an InputError naming the diff line (1-based). */
export type Fail = (line: number, message: string) => never;

const NL = 10;
const CR = 13;

export class DiffText {
  /** Line i is bytes [starts[i], starts[i + 1]), its "\n" included; starts[count] is the end. */
  private readonly starts: Uint32Array;
  readonly count: number;

  constructor(
    readonly bytes: Buffer,
    readonly source: string,
    maxLines: number,
  ) {
    let count = 0;
    for (let at = bytes.indexOf(NL); at >= 0; at = bytes.indexOf(NL, at + 1)) {
      if (++count > maxLines) throw new InputError(`${source}: more than ${maxLines} lines, the limit for a diff`, { maxLines });
    }
    const unterminated = bytes.length > 0 && bytes[bytes.length - 1] !== NL;
    if (unterminated && ++count > maxLines) throw new InputError(`${source}: more than ${maxLines} lines, the limit for a diff`, { maxLines });
    this.count = count;
    this.starts = new Uint32Array(count + 1);
    let line = 0;
    for (let at = bytes.indexOf(NL); at >= 0; at = bytes.indexOf(NL, at + 1)) this.starts[++line] = at + 1;
    this.starts[count] = bytes.length;
  }

  start(line: number): number {
    return this.starts[line] ?? this.bytes.length;
  }

  /** Where the line's content ends: before its "\n". */
  end(line: number): number {
    const next = this.starts[line + 1] ?? this.bytes.length;
    return next > this.start(line) && this.bytes[next - 1] === NL ? next - 1 : next;
  }

  /** The first byte of the line, or -1 for an empty line. */
  firstByte(line: number): number {
    return this.end(line) > this.start(line) ? (this.bytes[this.start(line)] ?? -1) : -1;
  }

  /** The line as written (latin1), without its "\n"; undefined past the end. */
  raw(line: number): string | undefined {
    return line < this.count ? this.bytes.toString('latin1', this.start(line), this.end(line)) : undefined;
  }

  /** A header line: a "\r" a CRLF copy of the diff added is not part of it. */
  head(line: number): string | undefined {
    if (line >= this.count) return undefined;
    const end = this.end(line);
    const cut = end > this.start(line) && this.bytes[end - 1] === CR ? end - 1 : end;
    return this.bytes.toString('latin1', this.start(line), cut);
  }

  /** Whether the line starts with `prefix` (ASCII), read without decoding it. */
  startsWith(line: number, prefix: string): boolean {
    if (line >= this.count) return false;
    const start = this.start(line);
    if (this.end(line) - start < prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (this.bytes[start + i] !== prefix.charCodeAt(i)) return false;
    return true;
  }
}
