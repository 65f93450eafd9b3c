/**
 * Reads a unified diff, as `git diff`, `diff -u` and `diff -ruN` write it, into FilePatches: which
 * file each part changes and the hunks that change it. Pure: nothing is read but the text given.
 * Anything it does not understand is refused whole, with a UsageError naming the diff line.
 *
 * The diff is read as bytes (latin1, one character per byte) so that file content in any
 * encoding, CRLF line ends included, comes through exactly. Only paths are decoded, as UTF-8.
 * Longer than our usual files because a diff's grammar is one piece: headers, names, hunks.
 */
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from '../errors/usage-error.js';
import type { ChangeLimits } from './changes-file.js';
import { projectPathProblem } from './project-path.js';

export type LineTag = ' ' | '-' | '+';

export interface HunkLine {
  readonly tag: LineTag;
  /** The line's bytes without its tag and without "\n"; the "\r" of a CRLF line stays. */
  readonly content: Buffer;
}

export interface Hunk {
  /** As written in the diff, for messages: "@@ -10,4 +10,5 @@". */
  readonly header: string;
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
  readonly lines: readonly HunkLine[];
  /** "\ No newline at end of file" follows the hunk's last old (' ' or '-') line. */
  readonly oldNoNewlineAtEnd: boolean;
  /** "\ No newline at end of file" follows the hunk's last new (' ' or '+') line. */
  readonly newNoNewlineAtEnd: boolean;
  /** 1-based line of the diff holding the header. */
  readonly diffLine: number;
}

export interface FilePatch {
  /** The file before the change; null when the diff creates it. */
  readonly oldPath: string | null;
  /** The file after the change; null when the diff deletes it. Differs from oldPath for a rename or copy. */
  readonly newPath: string | null;
  /** A copy leaves oldPath as it is; a rename removes it. */
  readonly copy: boolean;
  /** Abbreviated git blob id of the old content, from git's "index" line; null without one. */
  readonly oldBlob: string | null;
  /** None for a mode change, a pure rename or copy, or an empty file created or deleted. */
  readonly hunks: readonly Hunk[];
  /** 1-based line of the diff where this file's part starts. */
  readonly diffLine: number;
}

/**
 * The most diff text read. Added lines are bounded by maxTotalBytes; the rest is context and
 * removed lines, which for a deleted file are the whole file, so allow a few times as much.
 */
export function diffSizeLimit(limits: ChangeLimits): number {
  return 4 * limits.maxTotalBytes + 1024 * 1024;
}

export async function readDiffFile(file: string, limits: ChangeLimits): Promise<FilePatch[]> {
  const cap = diffSizeLimit(limits);
  let bytes: Buffer;
  try {
    const size = (await stat(file)).size;
    if (size > cap) throw new UsageError(`diff ${file} is ${size} bytes, more than the limit of ${cap}`, { file });
    bytes = await readFile(file);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    throw new UsageError(`cannot read diff ${file}`, { file }, { cause });
  }
  return parseUnifiedDiff(bytes, limits, file);
}

/** Parses a whole diff; `source` names it in messages ("<source>:<line>: ..."). */
export function parseUnifiedDiff(diff: string | Buffer, limits: ChangeLimits, source = 'diff'): FilePatch[] {
  const bytes = typeof diff === 'string' ? Buffer.from(diff, 'utf8') : diff;
  const cap = diffSizeLimit(limits);
  if (bytes.length > cap) throw new UsageError(`${source}: ${bytes.length} bytes, more than the limit of ${cap} for a diff`);
  const text = bytes.toString('latin1');
  if (text.trim() === '') throw new UsageError(`${source}: the diff is empty, it holds no changes`);
  const reader = new DiffReader(text, source);
  const parts: Part[] = [];
  while (!reader.done()) {
    if (parts.length === limits.maxFiles) reader.fail(reader.lineNo, `the diff changes more than the limit of ${limits.maxFiles} files`);
    parts.push(reader.part());
  }
  const patches = resolveNames(parts, reader);
  checkTouches(patches, reader);
  checkAddedBytes(parts, patches, limits, source);
  return patches;
}

const DEV_NULL = '/dev/null';
const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
/** The time GNU diff writes after a name; diff -N gives a file that is not there the epoch. */
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)? ([+-])(\d\d)(\d\d)$/;
const BACKUP_SUFFIXES = ['.orig', '.old', '.bak', '.new', '~'];
const QUOTE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/** A name as the diff spells it (bytes, quotes removed), and the diff line it is on. */
interface Name {
  readonly bytes: string;
  readonly line: number;
}

/** One file's part of the diff, before its names are turned into project paths. */
interface Part {
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

class DiffReader {
  private readonly lines: string[];
  private at = 0;

  constructor(
    text: string,
    readonly source: string,
  ) {
    this.lines = text.split('\n');
    // The "\n" ending the last line leaves an empty string after it.
    if (this.lines.at(-1) === '') this.lines.pop();
  }

  get lineNo(): number {
    return this.at + 1;
  }

  done(): boolean {
    return this.at >= this.lines.length;
  }

  /** The current line as written, or undefined at the end. */
  raw(): string | undefined {
    return this.lines[this.at];
  }

  /** The current header line: a "\r" a CRLF copy of the diff added is not part of it. */
  head(): string | undefined {
    const line = this.lines[this.at];
    return line?.endsWith('\r') ? line.slice(0, -1) : line;
  }

  next(): void {
    this.at++;
  }

  fail(line: number, message: string): never {
    throw new UsageError(`${this.source}:${line}: ${message}`, { line });
  }

  part(): Part {
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
      const field = /^(old mode|new mode|deleted file mode|new file mode|index|similarity index|dissimilarity index|rename from|rename to|rename old|rename new|copy from|copy to) (.*)$/.exec(text);
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
    while (this.head()?.startsWith('@@')) {
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

  private hunk(label: string): { hunk: Hunk; added: number } {
    const diffLine = this.lineNo;
    const text = this.head() ?? '';
    const match = HUNK_HEADER.exec(text);
    if (match === null) this.fail(diffLine, `malformed hunk header ${show(text)} (expected "@@ -start,count +start,count @@")`);
    const header = match[0];
    const [oldStart, oldLines, newStart, newLines] = [match[1], match[2] ?? '1', match[3], match[4] ?? '1'].map((digits) => Number(digits)) as [number, number, number, number];
    if (![oldStart, oldLines, newStart, newLines].every((n) => n <= 2 ** 31)) this.fail(diffLine, `hunk header ${show(text)} has a number too large`);
    if ((oldStart === 0 && oldLines > 0) || (newStart === 0 && newLines > 0)) this.fail(diffLine, `hunk header ${header} starts at line 0 but counts lines there`);
    this.next();
    const lines: HunkLine[] = [];
    let oldLeft = oldLines;
    let newLeft = newLines;
    let oldNoNewline = false;
    let newNoNewline = false;
    let added = 0;
    const counted = `hunk ${header} of ${label} (line ${diffLine})`;
    for (let raw = this.raw(); oldLeft > 0 || newLeft > 0 || raw?.startsWith('\\'); raw = this.raw()) {
      if (raw === undefined) {
        this.fail(this.lineNo - 1, `the diff ends inside ${counted}: its header counts ${oldLines} old and ${newLines} new lines, ${oldLeft} old and ${newLeft} new are missing`);
      }
      if (raw.startsWith('\\')) {
        const previous = lines.at(-1);
        if (previous === undefined) this.fail(this.lineNo, `"\\ No newline at end of file" before any line of ${counted}`);
        if (previous.tag !== '+') {
          if (oldNoNewline) this.fail(this.lineNo, `a second "\\ No newline at end of file" in ${counted}`);
          oldNoNewline = true;
        }
        if (previous.tag !== '-') {
          if (newNoNewline) this.fail(this.lineNo, `a second "\\ No newline at end of file" in ${counted}`);
          newNoNewline = true;
        }
        this.next();
        continue;
      }
      // git, like patch, reads an empty line as an unchanged empty line whose space an editor dropped.
      const tag = raw === '' ? ' ' : raw[0];
      if (tag !== ' ' && tag !== '-' && tag !== '+') {
        this.fail(this.lineNo, `expected a line of ${counted} (starting with " ", "-" or "+"), found ${show(raw)}: its header counts ${oldLeft} old and ${newLeft} new lines still to come`);
      }
      if (tag !== '+' && oldLeft === 0) this.fail(this.lineNo, `${counted} has more unchanged and removed lines than the ${oldLines} old lines its header counts`);
      if (tag !== '-' && newLeft === 0) this.fail(this.lineNo, `${counted} has more unchanged and added lines than the ${newLines} new lines its header counts`);
      if ((tag !== '+' && oldNoNewline) || (tag !== '-' && newNoNewline)) {
        this.fail(this.lineNo, `a line of ${counted} comes after "\\ No newline at end of file", which only the last line can have`);
      }
      if (tag !== '+') oldLeft--;
      if (tag !== '-') newLeft--;
      const content = Buffer.from(raw.slice(1), 'latin1');
      if (tag === '+') added += content.length + 1;
      lines.push({ tag, content });
      this.next();
    }
    const hunk = { header, oldStart, oldLines, newStart, newLines, lines, oldNoNewlineAtEnd: oldNoNewline, newNoNewlineAtEnd: newNoNewline, diffLine };
    return { hunk, added };
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
function startIndex(hunk: Hunk): number {
  return hunk.oldLines === 0 ? hunk.oldStart : hunk.oldStart - 1;
}

function startsPart(line: string): boolean {
  return ['diff ', '--- ', 'Only in ', 'Binary files '].some((start) => line.startsWith(start));
}

function isEpoch(stamp: string): boolean {
  const m = TIMESTAMP.exec(stamp.trim());
  if (m === null) return false;
  const [year, month, day, hour, minute, second, sign, zoneHours, zoneMinutes] = m.slice(1).map((part) => (part === '+' || part === '-' ? part : Number(part)));
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const zone = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return local - zone === 0;
}

/** C-style quoting as git and GNU diff write it; octal escapes are bytes. */
function unquote(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"') return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const escaped = text[i + 1] ?? '';
    const octal = /^[0-3][0-7][0-7]/.exec(text.slice(i + 1, i + 4));
    if (octal !== null) {
      value += String.fromCharCode(parseInt(octal[0], 8));
      i += 3;
    } else if (QUOTE_ESCAPES[escaped] !== undefined) {
      value += QUOTE_ESCAPES[escaped];
      i += 1;
    } else {
      return null;
    }
  }
  return null;
}

/** The two names of a "diff --git" line, or null when spaces make them impossible to tell apart. */
function gitHeaderNames(rest: string, line: number): [Name, Name] | null {
  const pair = (a: string, b: string): [Name, Name] => [
    { bytes: a, line },
    { bytes: b, line },
  ];
  if (rest.startsWith('"')) {
    const first = unquote(rest, 0);
    if (first === null || rest[first.end] !== ' ') return null;
    const second = rest.slice(first.end + 1);
    if (!second.startsWith('"')) return pair(first.value, second);
    const quoted = unquote(second, 0);
    return quoted !== null && quoted.end === second.length ? pair(first.value, quoted.value) : null;
  }
  for (let i = rest.indexOf(' "'); i >= 0; i = rest.indexOf(' "', i + 1)) {
    const quoted = unquote(rest, i + 1);
    if (quoted !== null && quoted.end === rest.length) return pair(rest.slice(0, i), quoted.value);
  }
  const spaces = [...rest].flatMap((c, i) => (c === ' ' ? [i] : []));
  if (spaces.length === 1) return pair(rest.slice(0, spaces[0]), rest.slice((spaces[0] ?? 0) + 1));
  // Unquoted names with spaces: git's own rule, the split where both sides name the same file.
  for (const i of spaces) {
    const [a, b] = [rest.slice(0, i), rest.slice(i + 1)];
    if (a === b || (stripFirst(a) !== null && stripFirst(a) === stripFirst(b))) return pair(a, b);
  }
  return null;
}

/** The name without its first folder ("a/src/x" → "src/x"), or null when it has none. */
function stripFirst(bytes: string): string | null {
  const slash = bytes.indexOf('/');
  return slash < 0 ? null : bytes.slice(slash + 1);
}

function binaryName(line: string): string {
  const m = /^Binary files (.*) and (.*) differ$/.exec(line);
  if (m === null) return 'a file';
  const [a = '', b = ''] = [m[1], m[2]];
  const name = b === DEV_NULL ? a : b;
  return show(a !== DEV_NULL && b !== DEV_NULL && stripFirst(a) !== null && stripFirst(a) === stripFirst(b) ? (stripFirst(b) ?? b) : name);
}

/** Turns each part's names into project paths, stripping the a/ b/ style prefixes the diff uses. */
function resolveNames(parts: readonly Part[], reader: DiffReader): FilePatch[] {
  // A plain diff says nothing of its prefixes: read them off the files that name both sides.
  let plainStrip: boolean | null = null;
  for (const part of parts) {
    if (part.kind === 'plain' && part.minus && part.plus && part.minus.bytes !== part.plus.bytes && backupPair(part.minus.bytes, part.plus.bytes) === null) plainStrip ??= true;
    if (part.kind === 'plain' && part.minus && part.plus && part.minus.bytes === part.plus.bytes) plainStrip ??= false;
  }
  return parts.map((part) => (part.kind === 'git' ? resolveGit(part, reader) : resolvePlain(part, plainStrip, reader)));
}

function resolveGit(part: Part, reader: DiffReader): FilePatch {
  const { header, minus, plus, from, to, created, deleted } = part;
  if (created && deleted) reader.fail(part.line, 'a file cannot be both created and deleted');
  // git writes a/ and b/ (or c/, i/, w/, o/) before the names on the "diff --git", "---" and
  // "+++" lines, and nothing with --no-prefix; never on "rename"/"copy" lines.
  let strip: boolean;
  if (header !== null) {
    const [a, b] = header;
    if (from !== null && to !== null) strip = !(a.bytes === from.bytes && b.bytes === to.bytes);
    else if (a.bytes === b.bytes) strip = false;
    else if (stripFirst(a.bytes) !== null && stripFirst(a.bytes) === stripFirst(b.bytes)) strip = true;
    else reader.fail(part.line, `the "diff --git" line names two different files, but there is no "rename from"/"rename to"`);
  } else {
    strip = !(minus !== undefined && minus !== null && from !== null && minus.bytes === from.bytes);
  }
  const unprefixed = (name: Name): Name => {
    if (!strip) return name;
    const bytes = stripFirst(name.bytes);
    if (bytes === null) reader.fail(name.line, `${show(name.bytes)} has no a/ or b/ prefix, which the other names of this file have`);
    return { bytes, line: name.line };
  };
  const oldName = from ?? (header ? unprefixed(header[0]) : minus ? unprefixed(minus) : null);
  const newName = to ?? (header ? unprefixed(header[1]) : plus ? unprefixed(plus) : null);
  if (oldName === null || newName === null) reader.fail(part.line, 'cannot tell which file this part changes: its "diff --git" line is ambiguous and no other line names the file');
  if (minus && unprefixed(minus).bytes !== oldName.bytes) reader.fail(minus.line, `the "---" line names ${show(minus.bytes)}, but the header of this part names ${show(oldName.bytes)}`);
  if (plus && unprefixed(plus).bytes !== newName.bytes) reader.fail(plus.line, `the "+++" line names ${show(plus.bytes)}, but the header of this part names ${show(newName.bytes)}`);
  if (from === null && !created && !deleted && oldName.bytes !== newName.bytes) {
    reader.fail(part.line, `the old name ${show(oldName.bytes)} and new name ${show(newName.bytes)} differ, but there is no "rename from"/"rename to"`);
  }
  return finish(part, created ? null : projectPath(oldName, reader), deleted ? null : projectPath(newName, reader), reader);
}

function resolvePlain(part: Part, plainStrip: boolean | null, reader: DiffReader): FilePatch {
  const { minus, plus } = part;
  let name: Name;
  if (minus && plus) {
    if (minus.bytes === plus.bytes) name = plus;
    else if (stripFirst(minus.bytes) !== null && stripFirst(minus.bytes) === stripFirst(plus.bytes)) name = { bytes: stripFirst(plus.bytes) ?? '', line: plus.line };
    else {
      const backup = backupPair(minus.bytes, plus.bytes);
      if (backup === null) reader.fail(part.line, `"---" names ${show(minus.bytes)} and "+++" names ${show(plus.bytes)}: a plain diff cannot rename a file (use git diff)`);
      name = { bytes: backup, line: part.line };
    }
  } else {
    // One side is /dev/null: strip as the other files of this diff do; alone, a/ or b/ is a prefix.
    const only = minus ?? plus;
    if (!only) reader.fail(part.line, 'both "---" and "+++" name no file');
    const strip = plainStrip ?? /^[ab]\//.test(only.bytes);
    const stripped = strip ? stripFirst(only.bytes) : only.bytes;
    if (stripped === null) reader.fail(only.line, `${show(only.bytes)} has no prefix folder, which the other names of this diff have`);
    name = { bytes: stripped, line: only.line };
  }
  const path = projectPath(name, reader);
  return finish(part, part.created ? null : path, part.deleted ? null : path, reader);
}

/** "calc.py.orig" against "calc.py" (diff -u of a backup copy): the file is the shorter name. */
function backupPair(a: string, b: string): string | null {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && BACKUP_SUFFIXES.includes(long.slice(short.length)) ? short : null;
}

function finish(part: Part, oldPath: string | null, newPath: string | null, reader: DiffReader): FilePatch {
  const label = show(newPath ?? oldPath ?? '');
  for (const hunk of part.hunks) {
    if (oldPath === null && hunk.oldLines > 0) reader.fail(hunk.diffLine, `${label} is a new file, but hunk ${hunk.header} expects lines already in it`);
    if (newPath === null && hunk.newLines > 0) reader.fail(hunk.diffLine, `${label} is deleted, but hunk ${hunk.header} leaves lines in it`);
  }
  if ((oldPath === null || newPath === null) && part.hunks.length > 1) reader.fail(part.line, `${label} is created or deleted whole, which takes one hunk, not ${part.hunks.length}`);
  return { oldPath, newPath, copy: part.copy, oldBlob: part.oldBlob, hunks: part.hunks, diffLine: part.line };
}

function projectPath(name: Name, reader: DiffReader): string {
  let path: string;
  try {
    path = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(name.bytes, 'latin1'));
  } catch {
    reader.fail(name.line, `the path ${show(name.bytes)} is not valid UTF-8`);
  }
  const problem = projectPathProblem(path);
  if (problem !== null) reader.fail(name.line, `the path ${JSON.stringify(path)} ${problem}`);
  return path;
}

/** Each path is changed by one part of the diff at most, and never both as a file and as a folder. */
function checkTouches(patches: readonly FilePatch[], reader: DiffReader): void {
  const changed = new Map<string, number>();
  for (const patch of patches) {
    const paths = new Set([patch.newPath, patch.copy ? null : patch.oldPath]);
    for (const path of paths) {
      if (path === null) continue;
      const earlier = changed.get(path);
      if (earlier !== undefined) reader.fail(patch.diffLine, `${JSON.stringify(path)} is changed twice: the part at line ${earlier} changes it too`);
      changed.set(path, patch.diffLine);
    }
  }
  for (const [path, line] of changed) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (changed.has(prefix)) reader.fail(line, `${JSON.stringify(path)} needs ${JSON.stringify(prefix)} to be a folder, but the diff also changes it as a file`);
    }
  }
}

/** A file's added lines alone already bound its new size from below: refuse early what must be too big. */
function checkAddedBytes(parts: readonly Part[], patches: readonly FilePatch[], limits: ChangeLimits, source: string): void {
  let total = 0;
  parts.forEach((part, i) => {
    const path = patches[i]?.newPath ?? patches[i]?.oldPath ?? '';
    if (part.addedBytes > limits.maxFileBytes) {
      throw new UsageError(`${source}:${part.line}: ${JSON.stringify(path)} gets ${part.addedBytes} bytes of added lines, more than the limit of ${limits.maxFileBytes} for a file`, { line: part.line });
    }
    total += part.addedBytes;
  });
  if (total > limits.maxTotalBytes) throw new UsageError(`${source}: the diff adds ${total} bytes of lines, more than the limit of ${limits.maxTotalBytes}`);
}

/** Diff text for a message: decoded as UTF-8, quoted, control characters escaped, cut when long. */
function show(bytes: string | Buffer): string {
  const text = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1').toString('utf8') : bytes.toString('utf8');
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}
