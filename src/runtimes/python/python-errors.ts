/**
 * Python's traceback as a learner reads it: the exception line first, the frame of their own file
 * that raised it, and only their own frames kept (the interpreter's and our launcher's dropped).
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const FRAME = /^ {2}File "(.+)", line (\d+)(?:, in .*)?$/;
const EXCEPTION = /^([A-Za-z_][\w.]*)(?::\s?(.*))?$/;

export function pythonError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  const start = all.findIndex((l) => l.startsWith('Traceback (most recent call last):') || FRAME.test(l));
  if (start < 0) return null;
  let exceptionAt = -1;
  for (let i = all.length - 1; i > start; i -= 1) {
    if (!all[i]?.startsWith(' ') && EXCEPTION.test(all[i] ?? '')) {
      exceptionAt = i;
      break;
    }
  }
  if (exceptionAt < 0) return null;
  const [, type = 'Error', message = ''] = EXCEPTION.exec(all[exceptionAt] ?? '') ?? [];
  const kept: string[] = [];
  let where: { file: string; line: number | null } | null = null;
  let keepingFrame = false;
  for (let i = start; i < exceptionAt; i += 1) {
    const text = all[i] ?? '';
    const frame = FRAME.exec(text);
    if (frame !== null) {
      const file = userFile(frame[1] ?? '', CODE_DIR);
      keepingFrame = file !== null && !file.startsWith('<');
      if (keepingFrame && file !== null) {
        where = { file, line: int(frame[2]) };
        kept.push(text.replace(`${CODE_DIR}/`, ''));
      }
    } else if (text.startsWith(' ') && keepingFrame) kept.push(text);
    else if (!text.startsWith(' ')) {
      keepingFrame = false;
      kept.push(text);
    }
  }
  kept.push(all[exceptionAt] ?? '');
  return { phase: output.phase, type, message, file: where?.file ?? null, line: where?.line ?? null, column: null, details: kept.join('\n') };
}
