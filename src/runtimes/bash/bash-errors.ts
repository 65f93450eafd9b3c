/** bash's complaints (`main.sh: line 3: foo: command not found`) as a learner reads them. */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const COMPLAINT = /^(\S+?): line (\d+): (.*)$/;

export function bashError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  const found = all.map((l) => COMPLAINT.exec(l)).filter((m) => m != null);
  const first = found.find((m) => m[3]?.startsWith('syntax error') === true) ?? found[0];
  if (first === undefined) return null;
  const message = first[3] ?? '';
  const type = message.startsWith('syntax error') ? 'syntax error' : message.endsWith('command not found') ? 'command not found' : 'error';
  return { phase: output.phase, type, message, file: userFile(first[1] ?? '', CODE_DIR), line: int(first[2]), column: null, details: all.join('\n').replaceAll(`${CODE_DIR}/`, '') };
}
