/**
 * The grammar of a unified diff, as `git diff`, `diff -u` and `diff -ruN` write it: each file's
 * part (git's extended header lines, the "---"/"+++" names, the hunks) read in order, line by
 * line over the diff's one buffer. Names are kept as the diff spells them (see
 * resolve-names.ts for what they become). Anything not understood is refused with an InputError
 * naming the diff line. Hunks and lines are capped (DiffCaps), so no diff costs more than that.
 */
import { InputError } from '../../errors/input-error.js';
import type { DiffText } from './diff-text.js';
import { binaryName, DEV_NULL, gitHeaderNames, isEpoch, type Name, show, stripFirst, unquote } from './diff-names.js';
import type { Hunk } from './file-patch.js';
import { readHunk } from './hunk-reader.js';

const GIT_FIELD = /^(old mode|new mode|deleted file mode|new file mode|index|similarity index|dissimilarity index|rename from|rename to|rename old|rename new|copy from|copy to) (.*)$/;

/** One file's part of the diff, before its names are turned into project paths. */
export interface Part {
  readonly kind: 'git' | 'plain';
  readonly line: number;
  /** git: the two names of the "diff --git" line, when they can be told apart. */
  readonly header: readonly [Name, Name] | null;
  /** The "---" and "+++" names; null for /dev/null; undefined without those lines. */
  readonly minus: Name | null | undefined;
  readonly plus: Name | null | undefined;
  /** By "new file mode", "--- /dev/null" or the epoch time diff -N gives a missing file. */
  readonly created: boolean;
  readonly deleted: boolean;
  readonly from: Name | null;
  readonly to: Name | null;
  readonly copy: boolean;
  readonly oldBlob: string | null;
  readonly hunks: Hunk[];
  readonly addedBytes: number;
}

export interface DiffCaps {
  /** Parts (files) in one diff. */
  readonly maxFiles: number;
  /** Hunks in one diff, all files together. */
  readonly maxHunks: number;
}

export class DiffReader {
  private at = 0;
  private hunkCount = 0;

  constructor(
    private readonly text: DiffText,
    private readonly caps: DiffCaps,
  ) {}

  get source(): string {
    return this.text.source;
  }

  get lineNo(): number {
    return this.at + 1;
  }

  done(): boolean {
    return this.at >= this.text.count;
  }

  /** Every part of the diff, in order. */
  parts(): Part[] {
    const parts: Part[] = [];
    while (!this.done()) {
      if (parts.length === this.caps.maxFiles) this.fail(this.lineNo, `the diff changes more than the limit of ${this.caps.maxFiles} files`);
      parts.push(this.part());
    }
    return parts;
  }

  fail(line: number, message: string): never {
    throw new InputError(`${this.source}:${line}: ${message}`, { line });
  }

  private head(): string | undefined {
    return this.text.head(this.at);
  }

  private next(): void {
    this.at++;
  }

  private part(): Part {
    const line = this.head() ?? '';
    if (line.startsWith('diff --git ')) return this.gitPart();
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.fail(this.lineNo, 'a combined diff (of a merge) cannot be applied; diff against one parent');
    }
    if (line.startsWith('Binary files ')) this.failBinary(this.lineNo, binaryName(line));
    if (line.startsWith('Only in ')) {
      this.fail(this.lineNo, `${show(line)}: the diff leaves out files that exist on one side only; make it with diff -ruN (or git diff)`);
    }
    if (line.startsWith('diff ')) {
      // The command line diff -r writes before each file.
      const command = this.lineNo;
      this.next();
      const after = this.head();
      if (after?.startsWith('--- ')) return this.plainPart();
      if (after?.startsWith('Binary files ')) this.failBinary(this.lineNo, binaryName(after));
      this.fail(command + 1, `expected a "--- " line after ${show(line)}, found ${after === undefined ? 'the end of the diff' : show(after)}`);
    }
    if (line.startsWith('--- ')) return this.plainPart();
    const hint = line.includes('\x1b[') ? ' (the diff has terminal colour codes: make it with --no-color)' : line.startsWith('```') ? ' (leave out the ``` fences around the diff)' : '';
    this.fail(this.lineNo, `expected a file's diff to start here ("diff --git ..." or "--- ..."), found ${show(line)}${hint}`);
  }

  private gitPart(): Part {
    const line = this.lineNo;
    const header = gitHeaderNames(this.head()?.slice('diff --git '.length) ?? '', line);
    const shown = header === null ? null : header[0].bytes === header[1].bytes ? header[1].bytes : (stripFirst(header[1].bytes) ?? header[1].bytes);
    const label = shown === null ? `the file of line ${line}` : show(shown);
    this.next();
    let created = false;
    let deleted = false;
    let from: Name | null = null;
    let to: Name | null = null;
    let copy = false;
    let oldBlob: string | null = null;
    const nameHere = (rest: string): Name => ({ bytes: this.name(rest, this.lineNo), line: this.lineNo });
    for (let text = this.head(); text !== undefined && !text.startsWith('--- ') && !text.startsWith('diff '); text = this.head()) {
      const field = GIT_FIELD.exec(text);
      const key = field?.[1];
      const value = field?.[2] ?? '';
      if (key === 'old mode' || key === 'new mode' || key === 'new file mode' || key === 'deleted file mode') {
        this.checkMode(value, label);
        created ||= key === 'new file mode';
        deleted ||= key === 'deleted file mode';
      } else if (key === 'index') {
        const index = /^([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d+))?$/.exec(value);
        if (index === null) this.fail(this.lineNo, `malformed index line ${show(text)}`);
        if (index[3] !== undefined) this.checkMode(index[3], label);
        oldBlob = /^0+$/.test(index[1] ?? '') ? null : (index[1] ?? null);
      } else if (key === 'rename from' || key === 'rename old' || key === 'copy from') {
        from = nameHere(value);
        copy = key === 'copy from';
      } else if (key === 'rename to' || key === 'rename new' || key === 'copy to') {
        to = nameHere(value);
      } else if (key === undefined) {
        if (text.startsWith('Binary files ') || text === 'GIT binary patch') this.failBinary(this.lineNo, label);
        this.fail(this.lineNo, `unexpected ${show(text)} in the header of ${label} (line ${line})`);
      }
      this.next();
    }
    if ((from === null) !== (to === null)) this.fail(line, `${label} has a "rename from"/"copy from" line without its "to" line, or the other way round`);
    let minus: Name | null | undefined;
    let plus: Name | null | undefined;
    let hunks: Hunk[] = [];
    let addedBytes = 0;
    if (this.head()?.startsWith('--- ')) {
      const sides = this.minusPlus();
      ({ minus, plus } = sides);
      created ||= sides.created;
      deleted ||= sides.deleted;
      ({ hunks, addedBytes } = this.hunks(label));
    }
    return { kind: 'git', line, header, minus, plus, created, deleted, from, to, copy, oldBlob, hunks, addedBytes };
  }

  private plainPart(): Part {
    const line = this.lineNo;
    const { minus, plus, created, deleted } = this.minusPlus();
    const label = show(plus?.bytes ?? minus?.bytes ?? '');
    const { hunks, addedBytes } = this.hunks(label);
    return { kind: 'plain', line, header: null, minus, plus, created, deleted, from: null, to: null, copy: false, oldBlob: null, hunks, addedBytes };
  }

  /** The "---" and "+++" lines; the reader is on the "---" line. */
  private minusPlus(): { minus: Name | null; plus: Name | null; created: boolean; deleted: boolean } {
    const minusLine = this.lineNo;
    const minus = this.fileLine(this.head()?.slice(4) ?? '');
    this.next();
    const plusText = this.head();
    if (!plusText?.startsWith('+++ ')) {
      const found = plusText === undefined ? 'the end of the diff' : show(plusText);
      this.fail(this.lineNo, `expected a "+++ " line after the "--- " line ${minusLine}, found ${found} (if that "---" line belongs to the hunk above, its header counts too few lines)`);
    }
    const plus = this.fileLine(plusText.slice(4));
    this.next();
    if (minus.absent && plus.absent) this.fail(minusLine, 'both "---" and "+++" name no file');
    return { minus: minus.name, plus: plus.name, created: minus.absent, deleted: plus.absent };
  }

  /** A "---"/"+++" name (null for /dev/null), and whether it stands for no file (also by diff -N's epoch time). */
  private fileLine(rest: string): { name: Name | null; absent: boolean } {
    let bytes: string;
    let stamp: string;
    if (rest.startsWith('"')) {
      const quoted = unquote(rest, 0);
      if (quoted === null) this.fail(this.lineNo, `malformed quoted name in ${show(rest)}`);
      bytes = quoted.value;
      stamp = rest.slice(quoted.end).replace(/^\t/, '');
    } else {
      const tab = rest.indexOf('\t');
      bytes = tab < 0 ? rest : rest.slice(0, tab);
      stamp = tab < 0 ? '' : rest.slice(tab + 1);
    }
    if (bytes === DEV_NULL) return { name: null, absent: true };
    return { name: { bytes, line: this.lineNo }, absent: isEpoch(stamp) };
  }

  private hunks(label: string): { hunks: Hunk[]; addedBytes: number } {
    const hunks: Hunk[] = [];
    let addedBytes = 0;
    while (this.text.startsWith(this.at, '@@')) {
      if (++this.hunkCount > this.caps.maxHunks) this.fail(this.lineNo, `the diff has more than ${this.caps.maxHunks} hunks, the limit for a diff`);
      const { hunk, added } = this.hunk(label);
      const before = hunks.at(-1);
      if (before !== undefined) {
        if (before.oldNoNewlineAtEnd || before.newNoNewlineAtEnd) {
          this.fail(hunk.diffLine, `hunk ${hunk.header} follows a hunk of ${label} that ends the file ("\\ No newline at end of file")`);
        }
        if (startIndex(hunk) < startIndex(before) + before.oldLines) {
          this.fail(hunk.diffLine, `hunk ${hunk.header} of ${label} overlaps or comes before the hunk above it (${before.header})`);
        }
      }
      hunks.push(hunk);
      addedBytes += added;
    }
    if (hunks.length === 0) this.fail(this.lineNo, `expected a hunk ("@@ -start,count +start,count @@") for ${label}, found ${this.describeHere()}`);
    const text = this.head();
    const last = hunks.at(-1);
    if (text !== undefined && last !== undefined && !startsPart(text)) {
      this.fail(
        this.lineNo,
        `unexpected ${show(text)} after hunk ${last.header} of ${label} (line ${last.diffLine}): its header counts ${last.oldLines} old and ${last.newLines} new lines, which end at line ${this.lineNo - 1}`,
      );
    }
    return { hunks, addedBytes };
  }

  /** One hunk (hunk-reader.ts); the reader moves past it. */
  private hunk(label: string): { hunk: Hunk; added: number } {
    const read = readHunk(this.text, this.at, label, (line: number, message: string) => this.fail(line, message));
    this.at = read.next;
    return read;
  }

  /** A name from a "rename from"-style line: quoted, or the rest of the line as it is. */
  private name(rest: string, line: number): string {
    if (!rest.startsWith('"')) return rest;
    const quoted = unquote(rest, 0);
    if (quoted === null || quoted.end !== rest.length) this.fail(line, `malformed quoted name ${show(rest)}`);
    return quoted.value;
  }

  private checkMode(mode: string, label: string): void {
    if (mode === '120000') this.fail(this.lineNo, `${label} is a symlink (mode 120000); a proposal can only change regular files`);
    if (mode === '160000') this.fail(this.lineNo, `${label} is a submodule (mode 160000); a proposal can only change regular files`);
    if (!/^(100)?[0-7]{3}$/.test(mode)) this.fail(this.lineNo, `${label} has file mode ${show(mode)}; a proposal can only change regular files`);
  }

  private failBinary(line: number, label: string): never {
    this.fail(line, `${label} is a binary change, which a diff cannot carry: send binary files as "contentBase64" in a changes file`);
  }

  private describeHere(): string {
    const text = this.head();
    return text === undefined ? 'the end of the diff' : show(text);
  }
}

/** Where a hunk's old lines start, counted from 0 (a hunk of no old lines starts after oldStart). */
export function startIndex(hunk: { readonly oldStart: number; readonly oldLines: number }): number {
  return hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
}

function startsPart(line: string): boolean {
  return ['diff ', '--- ', 'Only in ', 'Binary files '].some((start) => line.startsWith(start));
}
