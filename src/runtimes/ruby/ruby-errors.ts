/**
 * Ruby's uncaught exception (`main.rb:2:in '/': divided by 0 (ZeroDivisionError)` then `from`
 * lines) and its syntax errors (`main.rb:3: syntax error, ...`) as a learner reads them: the
 * class and message first, the line in their file, frames outside it removed.
 */
import { type FriendlyError, int, lines, userFile } from '../friendly-error.js';
import { CODE_DIR, type RunOutput } from '../runtime.js';

const UNCAUGHT = /^(.+?):(\d+):in [`'](.*)': (.*) \(([A-Z][\w:]*)\)$/;
const SYNTAX = /^(.+?):(\d+): (syntax errors? .*|syntax error, .*)$/;
const FROM = /^\s+from (.+?):(\d+):in /;

export function rubyError(output: RunOutput): FriendlyError | null {
  if (output.exitCode === 0) return null;
  const all = lines(output.stderr);
  for (let i = 0; i < all.length; i += 1) {
    const text = all[i] ?? '';
    const syntax = SYNTAX.exec(text);
    if (syntax !== null) {
      const details = all.slice(i).filter((l) => !l.includes('--> ') && !/^\S+: --> /.test(l));
      return { phase: output.phase, type: 'SyntaxError', message: syntax[3] ?? '', file: userFile(syntax[1] ?? '', CODE_DIR), line: int(syntax[2]), column: null, details: details.join('\n').replaceAll(`${CODE_DIR}/`, '') };
    }
    const uncaught = UNCAUGHT.exec(text);
    if (uncaught !== null) {
      const kept = [text, ...all.slice(i + 1).filter((l) => {
        const from = FROM.exec(l);
        return from === null ? !l.startsWith('\t') : userFile(from[1] ?? '', CODE_DIR) !== null;
      })];
      // A frame in a library first: the error is placed at the learner's first frame below it.
      const own = [text, ...all.slice(i + 1)].map((l) => /^(?:\s+from )?(.+?):(\d+):in /.exec(l)).find((m) => m != null && userFile(m[1] ?? '', CODE_DIR) !== null);
      return { phase: output.phase, type: uncaught[5] ?? 'RuntimeError', message: uncaught[4] ?? '', file: own == null ? null : userFile(own[1] ?? '', CODE_DIR), line: own == null ? null : int(own[2]), column: null, details: kept.join('\n').replaceAll(`${CODE_DIR}/`, '') };
    }
  }
  return null;
}
