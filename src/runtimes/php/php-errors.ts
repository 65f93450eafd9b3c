/**
 * PHP's fatal errors (`PHP Fatal error:  Uncaught DivisionByZeroError: Division by zero in
 * /workspace/code/main.php:3`, `PHP Parse error:  syntax error, ... in main.php on line 3`) as a
 * learner reads them: the exception class (or the error's kind) and message, then the place.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const ERROR = /^(?:PHP )?(Fatal error|Parse error|Warning|Notice|Deprecated):\s+(?:Uncaught ([A-Za-z_\\][\w\\]*): )?(.*?) in (\S+?)(?::(\d+)| on line (\d+))$/;

export function phpError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(`${output.stderr}\n${output.stdout}`).filter((l) => l.trim() !== '');
  const at = all.findIndex((l) => ERROR.test(l) && !/^(?:PHP )?(Warning|Notice|Deprecated)/.test(l));
  if (at < 0) return null;
  const m = ERROR.exec(all[at] ?? '') ?? [];
  const kind = m[1] ?? 'Fatal error';
  return {
    phase: output.phase,
    type: m[2] ?? (kind === 'Parse error' ? 'ParseError' : kind),
    message: m[3] ?? '',
    file: userFile(m[4] ?? '', CODE_DIR),
    line: int(m[5] ?? m[6]),
    column: null,
    details: all.slice(at).join('\n').replaceAll(`${CODE_DIR}/`, ''),
  };
}
