/**
 * How diffs spell file names: C-style quoting (git, GNU diff), the two names of a
 * "diff --git" line, a/ b/ prefixes, backup suffixes, and the epoch time diff -N gives a file
 * that is not there. Names stay bytes (latin1 strings) here; only project paths are UTF-8.
 */

/** A name as the diff spells it (bytes, quotes removed), and the diff line it is on. */
export interface Name {
  readonly bytes: string;
  readonly line: number;
}

export const DEV_NULL = '/dev/null';
/** The time GNU diff writes after a name; diff -N gives a file that is not there the epoch. */
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d+)? ([+-])(\d\d)(\d\d)$/;
const BACKUP_SUFFIXES = ['.orig', '.old', '.bak', '.new', '~'];
const QUOTE_ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '"': '"', '\\': '\\' };

export function isEpoch(stamp: string): boolean {
  const m = TIMESTAMP.exec(stamp.trim());
  if (m === null) return false;
  const [year, month, day, hour, minute, second, sign, zoneHours, zoneMinutes] = m.slice(1).map((part) => (part === '+' || part === '-' ? part : Number(part)));
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const zone = (Number(zoneHours) * 60 + Number(zoneMinutes)) * 60_000 * (sign === '-' ? -1 : 1);
  return local - zone === 0;
}

/** C-style quoting as git and GNU diff write it; octal escapes are bytes. */
export function unquote(text: string, start: number): { value: string; end: number } | null {
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
export function gitHeaderNames(rest: string, line: number): [Name, Name] | null {
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
export function stripFirst(bytes: string): string | null {
  const slash = bytes.indexOf('/');
  return slash < 0 ? null : bytes.slice(slash + 1);
}

/** "calc.py.orig" against "calc.py" (diff -u of a backup copy): the file is the shorter name. */
export function backupPair(a: string, b: string): string | null {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.startsWith(short) && BACKUP_SUFFIXES.includes(long.slice(short.length)) ? short : null;
}

/** The file a "Binary files A and B differ" line is about, shown for a message. */
export function binaryName(line: string): string {
  const m = /^Binary files (.*) and (.*) differ$/.exec(line);
  if (m === null) return 'a file';
  const [a = '', b = ''] = [m[1], m[2]];
  const name = b === DEV_NULL ? a : b;
  return show(a !== DEV_NULL && b !== DEV_NULL && stripFirst(a) !== null && stripFirst(a) === stripFirst(b) ? (stripFirst(b) ?? b) : name);
}

/** Diff text for a message: decoded as UTF-8, quoted, control characters escaped, cut when long. */
export function show(bytes: string | Buffer): string {
  // Cut before decoding: a message never costs more than its 120 characters, whatever the line.
  const raw = typeof bytes === 'string' ? Buffer.from(bytes.slice(0, 481), 'latin1') : bytes.subarray(0, 481);
  const text = raw.subarray(0, 480).toString('utf8');
  return JSON.stringify(text.length > 120 || raw.length > 480 ? `${text.slice(0, 120)}…` : text);
}
