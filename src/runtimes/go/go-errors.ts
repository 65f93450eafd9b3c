/**
 * Go's compiler diagnostics (`./main.go:4:2: undefined: x`, under a `# command-line-arguments`
 * line we drop) and run-time panics (`panic: ...` then goroutine frames) as a learner reads them.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const DIAGNOSTIC = /^(\S+?\.go):(\d+):(\d+): (.*)$/;
const PANIC = /^panic: (.*?)(?: \[recovered\])?$/;
const FRAME = /^\t(\S+?\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;

export function goError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  if (output.phase === 'compile') {
    const own = all.filter((l) => !l.startsWith('# ')).map((l) => l.replace(/^\.\//, ''));
    const first = own.map((l) => DIAGNOSTIC.exec(l)).find((m) => m != null);
    if (first == null) return null;
    return { phase: 'compile', type: 'compile error', message: first[4] ?? '', file: userFile(first[1] ?? '', CODE_DIR), line: int(first[2]), column: int(first[3]), details: own.join('\n') };
  }
  const at = all.findIndex((l) => PANIC.test(l));
  if (at < 0) return null;
  const message = PANIC.exec(all[at] ?? '')?.[1] ?? '';
  const frames = all.slice(at).map((l) => FRAME.exec(l)).filter((m) => m != null);
  const own = frames.find((m) => m[1]?.startsWith(`${CODE_DIR}/`) === true);
  const runtimeError = /^runtime error: /.test(message);
  return {
    phase: 'run',
    type: runtimeError ? 'runtime error' : 'panic',
    message: runtimeError ? message.replace(/^runtime error: /, '') : message,
    file: own == null ? null : userFile(own[1] ?? '', CODE_DIR),
    line: own == null ? null : int(own[2]),
    column: null,
    // The runtime's own frames (/usr/lib/go/...) say nothing to a learner.
    details: all.slice(at).filter((l, i, arr) => !(l.startsWith('\t/usr/') || (arr[i + 1]?.startsWith('\t/usr/') === true && !l.startsWith('\t')))).join('\n').replaceAll(`${CODE_DIR}/`, ''),
  };
}
