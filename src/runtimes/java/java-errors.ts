/**
 * javac's diagnostics (`Main.java:3: error: cannot find symbol` with the source line, caret and
 * symbol notes) and the JVM's uncaught exception (`Exception in thread "main" java.lang.X: msg`
 * then `at` frames) as a learner reads them; frames of the JDK removed.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const DIAGNOSTIC = /^(\S+?\.java):(\d+): error: (.*)$/;
const UNCAUGHT = /^Exception in thread "[^"]*" ([\w.$]+)(?:: (.*))?$/;
const FRAME = /^\s+at .*\((\w[\w$]*\.java):(\d+)\)$/;

export function javaError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr).filter((l) => !l.startsWith('Picked up JAVA_TOOL_OPTIONS'));
  if (output.phase === 'compile') {
    const at = all.findIndex((l) => DIAGNOSTIC.test(l));
    if (at < 0) return null;
    const first = DIAGNOSTIC.exec(all[at] ?? '') ?? [];
    return { phase: 'compile', type: 'compile error', message: first[3] ?? '', file: userFile(first[1] ?? '', CODE_DIR), line: int(first[2]), column: null, details: all.slice(at).join('\n').replaceAll(`${CODE_DIR}/`, '') };
  }
  const at = all.findIndex((l) => UNCAUGHT.test(l));
  if (at < 0) return null;
  const head = UNCAUGHT.exec(all[at] ?? '') ?? [];
  const kept = all.slice(at).filter((l) => !/^\s+at (java|jdk|sun)\./.test(l) && !/^\s+\.\.\. \d+ more$/.test(l));
  const own = all.slice(at).map((l) => FRAME.exec(l)).find((m) => m != null);
  const type = head[1] ?? 'Exception';
  return { phase: 'run', type: type.replace(/^java\.lang\./, ''), message: head[2] ?? '', file: own == null ? null : (own[1] ?? null), line: own == null ? null : int(own[2]), column: null, details: kept.join('\n') };
}
