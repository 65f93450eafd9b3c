/**
 * A test's message from its own output in the stream: what t.Error, t.Skip, a failed example or
 * a panic printed, without go test's frame lines ("=== RUN", "--- FAIL: …") and without a
 * panic's goroutine dump.
 */
import { clipMessage } from '../junit/outcome-message.js';

const FRAME = /^\s*(=== (RUN|PAUSE|CONT|NAME)\s|--- (PASS|FAIL|SKIP): )/;
const GOROUTINE_DUMP = /^goroutine \d+ \[/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

export function testOutputMessage(output: readonly string[]): string | null {
  const lines: string[] = [];
  for (const line of output.join('').split(/\r?\n/)) {
    if (GOROUTINE_DUMP.test(line)) break;
    if (!FRAME.test(line)) lines.push(line.trimEnd());
  }
  const text = lines.filter((line) => line !== '');
  if (text.length === 0) return null;
  // t.Log indents by 4 spaces per subtest level; keep only the indentation within the message.
  const common = Math.min(...text.map(indentOf));
  return clipMessage(lines.map((line) => line.slice(Math.min(common, indentOf(line)))).join('\n'));
}
