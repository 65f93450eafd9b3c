/**
 * What rake says when it gives up, from the stderr of `rake test` (real, rake 13.0.6):
 *
 *   rake aborted!
 *   Don't know how to build task 'test' (See the list of available tasks with `rake --tasks`)
 *
 * The line after "rake aborted!" is the reason: rake's own words, or "Class: message" for an
 * exception raised by the Rakefile (with the message's first line joined on when the message
 * starts on a line of its own, as Bundler's do). "Command failed with status (1)" means the test process rake
 * started failed; that process says why itself (see parse-ruby-uncaught-error.ts), when it can.
 */
import { clipMessage } from '../junit/outcome-message.js';

const ABORTED = /^rake aborted!\s*$/;
const TEST_PROCESS_FAILED = /^Command failed with status \(\d+\)/;
const EMPTY_EXCEPTION = /^[A-Z]\w*(?:::[A-Z]\w*)*:\s*$/;

export interface RakeAbort {
  readonly message: string;
  /** True when rake only reports that the test process it ran exited non-zero. */
  readonly testProcessFailed: boolean;
}

/** The reason of the last "rake aborted!" in `stderr`, or null when rake did not abort. */
export function parseRakeAborted(stderr: string): RakeAbort | null {
  const lines = stderr.split(/\r?\n/);
  let abortedAt = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (ABORTED.test(lines[i] ?? '')) {
      abortedAt = i;
      break;
    }
  }
  if (abortedAt < 0) return null;
  const said = lines.slice(abortedAt + 1).filter((line) => line.trim() !== '');
  let reason = said[0];
  // An exception whose message starts with a newline prints its class alone on the first line
  // ("Bundler::GemspecError: " then "[!] There was an error while loading `x.gemspec`: …").
  if (reason !== undefined && EMPTY_EXCEPTION.test(reason) && said[1] !== undefined) reason = `${reason.trim()} ${said[1].trim()}`;
  const message = clipMessage(reason ?? '') ?? 'rake aborted';
  return { message, testProcessFailed: TEST_PROCESS_FAILED.test(message) };
}
