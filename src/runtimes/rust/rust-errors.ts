/**
 * rustc's diagnostics (`error[E0425]: ...` then ` --> main.rs:2:20` and the source excerpt) and
 * run-time panics (`thread 'main' panicked at '...', main.rs:3:5`) as a learner reads them; the
 * closing "aborting" and "--explain" lines and the backtrace hint removed.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const HEAD = /^(error(?:\[E\d+\])?): (.*)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
// 1.63 quotes the message before the place; newer rustc puts the place first, the message on the next line.
const PANIC_OLD = /^thread '[^']*' panicked at '(.*)', (.+?):(\d+):(\d+)$/;
const PANIC_NEW = /^thread '[^']*' panicked at (.+?):(\d+):(\d+):$/;

export function rustError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  if (output.phase === 'compile') {
    const at = all.findIndex((l) => HEAD.test(l) && !/^error: aborting due to/.test(l));
    if (at < 0) return null;
    const head = HEAD.exec(all[at] ?? '') ?? [];
    const arrow = all.slice(at + 1).map((l) => ARROW.exec(l)).find((m) => m != null);
    const details = all.slice(at).filter((l) => !/^error: aborting due to/.test(l) && !/^For more information about/.test(l));
    while (details.length > 0 && details[details.length - 1]?.trim() === '') details.pop();
    return { phase: 'compile', type: head[1] ?? 'error', message: head[2] ?? '', file: arrow == null ? null : userFile(arrow[1] ?? '', CODE_DIR), line: arrow == null ? null : int(arrow[2]), column: arrow == null ? null : int(arrow[3]), details: details.join('\n') };
  }
  for (let i = 0; i < all.length; i += 1) {
    const old = PANIC_OLD.exec(all[i] ?? '');
    const neu = PANIC_NEW.exec(all[i] ?? '');
    if (old === null && neu === null) continue;
    const [message, file, line, column] = old !== null ? [old[1], old[2], old[3], old[4]] : [all[i + 1] ?? '', neu?.[1], neu?.[2], neu?.[3]];
    const details = all.slice(i).filter((l) => !l.startsWith('note: run with `RUST_BACKTRACE=1`'));
    return { phase: 'run', type: 'panic', message: message ?? '', file: userFile(file ?? '', CODE_DIR), line: int(line), column: int(column), details: details.join('\n') };
  }
  return null;
}
