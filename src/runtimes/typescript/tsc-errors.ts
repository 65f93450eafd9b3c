/**
 * tsc's diagnostics (`main.ts(3,7): error TS2322: ...`, --pretty false) as a learner reads them:
 * the first diagnostic's code, message and position; the run's errors are node's, mapped back to
 * the .ts file by source maps (node-errors.ts).
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { nodeError } from '../javascript/node-errors.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export function typescriptError(output: RunOutput): FriendlyError | null {
  if (output.phase === 'run') return nodeError(output);
  if (output.exitCode === 0) return null;
  const all = lines(`${output.stdout}\n${output.stderr}`).filter((l) => l.trim() !== '');
  const ownDiagnostics = all.filter((l) => {
    const m = DIAGNOSTIC.exec(l);
    return m !== null && userFile(m[1] ?? '', CODE_DIR) !== null;
  });
  const first = DIAGNOSTIC.exec(ownDiagnostics[0] ?? '');
  if (first === null) return null;
  return {
    phase: 'compile',
    type: first[4] ?? 'error',
    message: first[5] ?? '',
    file: userFile(first[1] ?? '', CODE_DIR),
    line: int(first[2]),
    column: int(first[3]),
    details: ownDiagnostics.map((l) => l.replace(`${CODE_DIR}/`, '')).join('\n'),
  };
}
