/**
 * Node's uncaught error as a learner reads it: `Type: message` first, the position in their own
 * file (from the header node prints, or the first frame in it; with source maps, the .ts file),
 * node's internal frames and its closing version line removed.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const HEADER = /^(\/\S+?|\S+\.[cm]?[jt]s):(\d+)$/;
const ERROR_LINE = /^(?:Uncaught )?([A-Za-z_$][\w$]*(?:Error|Exception)|Error|[A-Z][\w$]*)(?: \[\w+\])?: (.*)$/;
const FRAME = /^\s+at (?:.* \()?(.+?):(\d+):(\d+)\)?$/;
const THROWN_VALUE = /^Uncaught (.*)$/;

export function nodeError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  const errorAt = all.findIndex((l) => ERROR_LINE.test(l) && !l.startsWith(' '));
  const header = all.map((l) => HEADER.exec(l)).find((m) => m != null) ?? null;
  if (errorAt < 0 && header === null) return null;
  const [, type = 'Error', message = ''] = errorAt < 0 ? ['', 'Error', THROWN_VALUE.exec(all.find((l) => THROWN_VALUE.test(l)) ?? '')?.[1] ?? ''] : (ERROR_LINE.exec(all[errorAt] ?? '') ?? []);
  let file: string | null = null;
  let line: number | null = null;
  let column: number | null = null;
  const kept: string[] = [];
  for (const text of all.slice(Math.max(errorAt, 0))) {
    const frame = FRAME.exec(text);
    if (frame !== null) {
      const own = userFile(frame[1] ?? '', CODE_DIR);
      if (own === null || frame[1]?.startsWith('node:') === true) continue;
      if (file === null) [file, line, column] = [own, int(frame[2]), int(frame[3])];
      kept.push(text.replace(`${CODE_DIR}/`, ''));
    } else if (!/^Node\.js v\d/.test(text)) kept.push(text);
  }
  if (file === null && header !== null) [file, line] = [userFile(header[1] ?? '', CODE_DIR), int(header[2])];
  while (kept.length > 0 && kept[kept.length - 1]?.trim() === '') kept.pop();
  return { phase: output.phase, type, message, file, line, column, details: kept.join('\n') };
}
