/**
 * An error as a learner reads it: what went wrong first (the exception's type and message, or the
 * compiler's complaint), where in their own file, and the trace with our wrapper lines taken out.
 * Each runtime maps its own tool's words (runtimes/<name>/*-errors.ts): pure functions.
 */
export interface FriendlyError {
  /** "compile" when the compiler refused the code; "run" when it failed running. */
  readonly phase: 'compile' | 'run';
  /** The exception's or diagnostic's type: "ZeroDivisionError", "TypeError", "error[E0425]", "SyntaxError". */
  readonly type: string;
  readonly message: string;
  /** The user's file ("main.py"), or null when the message names none of theirs. */
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  /** The message as the tool wrote it, with lines about our own files removed. */
  readonly details: string;
}

/** Splits on newlines, dropping a trailing empty line. */
export function lines(text: string): string[] {
  const all = text.replace(/\r\n/g, '\n').split('\n');
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all;
}

/** The user's own file's name as it appears in a path under the code folder. */
export function userFile(path: string, codeDir: string): string | null {
  if (path.startsWith(`${codeDir}/`)) return path.slice(codeDir.length + 1);
  if (!path.includes('/')) return path;
  if (path.startsWith('./')) return path.slice(2);
  return null;
}

export function int(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) ? n : null;
}
