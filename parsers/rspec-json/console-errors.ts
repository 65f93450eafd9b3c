/**
 * The "An error occurred …" blocks RSpec printed on its console. Most are also in the JSON's
 * `messages[]`, but not all: an error in a file `.rspec` requires (`--require spec_helper`, and
 * so anything spec_helper requires, such as the code under test) is met before the JSON
 * formatter is set up. The JSON counts it in `errors_outside_of_examples_count` and says nothing
 * more; the console has the whole text (real, RSpec 3.12):
 *
 *   An error occurred while loading spec_helper. - Did you mean?
 *                       rspec ./spec/spec_helper.rb
 *
 *   Failure/Error: require 'no_such_gem'
 *
 *   LoadError:
 *     cannot load such file -- no_such_gem
 *   # ./spec/spec_helper.rb:7:in `<top (required)>'
 *   No examples found.
 */
import { stripAnsi } from '../jest-json/strip-ansi.js';

const BLOCK_START = /^An error occurred\b/;
// Lines RSpec prints after an error block: its notes, the closing summary, the next run.
const BLOCK_END = /^(?:No examples found\.|Finished in |Run options:|Randomized with seed |\d+ examples?, )/;

/** Each block's text, as a `messages[]` entry reads, in the order printed. */
export function consoleErrorBlocks(output: string): string[] {
  const blocks: string[] = [];
  let current: string[] | null = null;
  for (const raw of stripAnsi(output).split(/\r?\n/)) {
    const line = raw.trimEnd();
    const trimmed = line.trimStart();
    if (BLOCK_START.test(trimmed)) {
      if (current !== null) blocks.push(current.join('\n'));
      current = [trimmed];
    } else if (current !== null) {
      if (BLOCK_END.test(trimmed)) {
        blocks.push(current.join('\n'));
        current = null;
      } else {
        current.push(line);
      }
    }
  }
  if (current !== null) blocks.push(current.join('\n'));
  return blocks.map((block) => `\n${block.trim()}\n`);
}
