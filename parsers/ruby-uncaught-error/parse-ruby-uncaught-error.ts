/**
 * The report Ruby prints on stderr when a process dies of an uncaught exception, read as the
 * run-level error it stands for. A minitest file that raises while it is loaded (rake's test
 * loader `require`s each file) kills the process before minitest runs anything: its at_exit hook
 * skips the run when an exception is pending, so no JUnit report is written at all. The exception
 * is then the only record of why (real, Ruby 3.1):
 *
 *   /workspace/test/boom_test.rb:3:in `<top (required)>': boom at load (RuntimeError)
 *   \tfrom <internal:/usr/lib/ruby/vendor_ruby/rubygems/core_ext/kernel_require.rb>:85:in `require'
 *
 * A missing library raises inside `require`, so the header names rubygems; the first frame in the
 * project names the file that asked for it. Ruby 3.4 quotes 'like this' instead of `like this'.
 */
import { clipMessage } from '../junit/outcome-message.js';
import type { RunLevelError } from '../report.js';

// "<location>:<line>:in `<where>': <message> (<Class>)"; location may be "<internal:…>".
const HEADER = /^(?<location>\S.*?):\d+:in [`'][^`']*': (?<message>.*) \((?<class>[A-Z][\w:]*)\)$/;
const FRAME = /^\s+from (?<location>.+?):\d+:in /;

function projectFile(location: string, projectRoot: string): string | null {
  const root = projectRoot.endsWith('/') ? projectRoot : `${projectRoot}/`;
  return location.startsWith(root) ? location.slice(root.length) : null;
}

/** The last uncaught exception in `stderr`, or null when there is none. */
export function parseRubyUncaughtError(stderr: string, projectRoot: string): RunLevelError | null {
  const lines = stderr.split(/\r?\n/);
  let headerAt = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (HEADER.test(lines[i] ?? '')) {
      headerAt = i;
      break;
    }
  }
  if (headerAt < 0) return null;
  const header = HEADER.exec(lines[headerAt] ?? '')?.groups;
  if (header === undefined) return null;
  const locations = [header['location'] ?? ''];
  for (const line of lines.slice(headerAt + 1)) {
    const frame = FRAME.exec(line)?.groups;
    if (frame === undefined) break;
    locations.push(frame['location'] ?? '');
  }
  const inProject = locations.map((location) => projectFile(location, projectRoot)).find((file) => file !== null);
  const text = `${header['class'] ?? 'Exception'}: ${header['message'] ?? ''}`;
  return { kind: 'suite-load', where: inProject ?? locations[0] ?? 'ruby', message: clipMessage(text) ?? text };
}
