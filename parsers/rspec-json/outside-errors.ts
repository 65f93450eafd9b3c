/**
 * Errors RSpec reports "outside of examples": a spec file that raises while it is loaded, a
 * failing `before(:suite)` hook. With any of them RSpec runs no example at all (not even those
 * in healthy files) and `failure_count` stays 0; rspec_junit_formatter 0.4.1 even writes
 * `errors="0"`. So they must become run-level errors, or a suite that never ran reads as green.
 *
 * The text is in `messages[]` (real, RSpec 3.12):
 *   "\nAn error occurred while loading ./spec/boom_spec.rb.\nFailure/Error: raise 'boom at load'\n\n
 *    RuntimeError:\n  boom at load\n# ./spec/boom_spec.rb:1:in `<top (required)>'\n"
 * `messages[]` also holds notes that are no error ("No examples found."), so only messages
 * that say "An error occurred" count, and the summary's count is the floor. An error met before
 * the JSON formatter was set up is counted but not told: its text comes from the console
 * (console-errors.ts) when collect has it.
 */
import { clipMessage, firstNonEmptyLine } from '../junit/outcome-message.js';
import type { RunLevelError } from '../report.js';
import { consoleErrorBlocks } from './console-errors.js';
import { specPath } from './example-record.js';

const ERROR_MESSAGE = /^\s*An error occurred\b/;
// "... while loading ./spec/missing_spec.rb. - Did you mean?" (the suggestion follows on later lines).
const WHILE_LOADING = /An error occurred while loading (.+?)\.(?: - Did you mean\?)?\s*$/m;
const IN_HOOK = /An error occurred in an? `([^`]+)` hook/;
// The exception class on a line of its own ("RuntimeError:", "NameError:", "Foo::Bar::Error:").
const EXCEPTION_CLASS = /^([A-Z]\w*(?:::[A-Z]\w*)*):$/;

function where(message: string, projectRoot: string): string {
  const loading = WHILE_LOADING.exec(message);
  if (loading?.[1] !== undefined) return specPath(loading[1].trim(), projectRoot);
  const hook = IN_HOOK.exec(message);
  if (hook?.[1] !== undefined) return `${hook[1]} hook`;
  return 'rspec';
}

/** "RuntimeError: boom at load": the class line and the first indented line after it. */
function explanation(message: string): string {
  const lines = message.split(/\r?\n/);
  const classAt = lines.findIndex((line) => EXCEPTION_CLASS.test(line.trim()) && !line.startsWith(' '));
  if (classAt >= 0) {
    const cls = lines[classAt]?.trim().slice(0, -1) ?? '';
    const detail = lines.slice(classAt + 1).find((line) => line.trim() !== '' && !line.startsWith('#'));
    const text = detail === undefined ? cls : `${cls}: ${detail.trim()}`;
    return clipMessage(text) ?? cls;
  }
  const failure = lines.find((line) => line.startsWith('Failure/Error:'));
  return clipMessage(failure ?? firstNonEmptyLine(message) ?? 'an error occurred outside of examples') ?? 'an error occurred outside of examples';
}

function toError(message: string, projectRoot: string): RunLevelError {
  return { kind: 'suite-load', where: where(message, projectRoot), message: explanation(message) };
}

export function outsideErrors(messages: readonly string[], count: number, projectRoot: string, consoleOutput = ''): RunLevelError[] {
  const errors: RunLevelError[] = messages.filter((message) => ERROR_MESSAGE.test(message)).map((message) => toError(message, projectRoot));
  if (errors.length < count && consoleOutput !== '') {
    const known = new Set(errors.map((e) => `${e.where}\n${e.message}`));
    const printed = consoleErrorBlocks(consoleOutput)
      .map((block) => toError(block, projectRoot))
      .filter((e) => !known.has(`${e.where}\n${e.message}`));
    errors.push(...printed.slice(0, count - errors.length));
  }
  const unexplained = count - errors.length;
  if (unexplained > 0) {
    errors.push({
      kind: 'suite-load',
      where: 'rspec',
      message: `${unexplained} error${unexplained === 1 ? '' : 's'} occurred outside of examples`,
    });
  }
  return errors;
}
