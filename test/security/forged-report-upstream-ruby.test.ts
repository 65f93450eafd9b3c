/**
 * The forged-report checks on a real Ruby gem (issue 18, item 6, RSpec): hashie 5.0.0 from
 * Debian's source package. Two lines of it are prepared, and only those: its Gemfile names
 * development tools that exist nowhere offline (danger, guard, rubocop 0.52, pry-stack_explorer,
 * benchmark-memory), so it keeps the gems its specs load (rake, rspec, rspec-pending_for,
 * activesupport), all Debian-packaged, installed at image build; and its spec_helper's `require 'pry'` (a debugger no spec
 * uses; Debian packages pry under another name) is dropped. A change breaks stringify_keys and adds
 * a spec that writes a passing RSpec JSON report and leaves with exit!(0), skipping RSpec's own
 * report and closing line: `report_mismatch`. The unchanged gem stays counted as RSpec counts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportTotals } from '../../parsers/report.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { readRspecSummary } from '../../src/toolchains/ruby/ruby-summary.js';
import { upstreamSource } from '../support/debian-upstream.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const GEMFILE = "source 'https://rubygems.org'\n\ngemspec\n\ngem 'rake'\ngem 'rspec', '~> 3'\ngem 'rspec-pending_for', '~> 0.1'\ngem 'activesupport', require: false\n";

const REPORT = JSON.stringify({
  examples: [{ description: 'stringifies keys', full_description: 'Hashie stringifies keys', status: 'passed', file_path: './spec/hashie/extensions/stringify_keys_spec.rb' }],
  summary: { example_count: 1, failure_count: 0, pending_count: 0, errors_outside_of_examples_count: 0 },
});

const FORGER = `RSpec.describe 'a forger' do
  it 'writes a passing report and leaves' do
    File.write('.patchproof/reports/rspec.json', ${JSON.stringify(REPORT)})
    exit!(0)
  end
end
`;

/** The unchanged gem: counted as RSpec's own closing line counts it. */
function countedAsRspec(result: ValidationResult): void {
  // Red in the sandbox before any change: two of its 700 examples fail (one on SimpleDelegator, one on a Pathname).
  expect({ outcome: result.outcome, code: result.code }).toEqual({ outcome: 'rejected', code: 'tests_failed' });
  const rspec = readRspecSummary(result.test?.stdout ?? '');
  const ours = reportTotals(result.report);
  expect(rspec?.line).toMatch(/^700 examples, 2 failures/);
  expect({ passed: ours.passed, failed: ours.failed + ours.errors }).toEqual({ passed: rspec?.passed, failed: (rspec?.failed ?? 0) + (rspec?.errors ?? 0) });
}

const tree = await upstreamSource({ pkg: 'ruby-hashie', version: '5.0.0-2' });

describe.skipIf(tree === null)('a forged RSpec report on a real gem (hashie)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'hashie', dir: tree ?? '', passing: '', unchanged: countedAsRspec, limits: { memoryMb: 512, timeoutS: 120, cpuTimeS: 120 } });
    await writeFile(join(attack.project, 'Gemfile'), GEMFILE);
    const helper = join(attack.project, 'spec/spec_helper.rb');
    await writeFile(helper, (await readFile(helper, 'utf8')).replace("require 'pry'\n", ''));
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('written by a spec that then leaves with exit!(0) is not believed: RSpec printed no closing line', async () => {
    const source = await readFile(join(attack.project, 'lib/hashie/extensions/stringify_keys.rb'), 'utf8');
    const broken = write('lib/hashie/extensions/stringify_keys.rb', source.replace('StringifyKeys.stringify_keys!(self)\n        self', 'self'));
    const result = await attack.run([broken, write('spec/zz_forger_spec.rb', FORGER)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed']);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe('rspec printed no closing summary, so the report claiming 1 passed tests is not believed (did a test end the run early?)');
  });
});
