/**
 * Ruby tests that write a passing report themselves and leave with exit!(0), which skips the
 * at_exit hooks where RSpec's JSON formatter and the sandbox's minitest plugin would write the real
 * one, beside a change that breaks Calc.add. The exit code is 0 and the report says all passed;
 * RSpec's and minitest's own closing lines ("N examples, M failures"; "N runs, ... F failures")
 * are missing, so the report is not believed (toolchains/ruby/ruby-summary.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import { write } from '../support/run-validation.js';
import { Attack } from './attack-harness.js';

const RSPEC_REPORT = JSON.stringify({
  examples: ['adds', 'divides', 'refuses zero'].map((description) => ({ description, full_description: `Calc ${description}`, status: 'passed', file_path: './spec/calc_spec.rb' })),
  summary: { example_count: 3, failure_count: 0, pending_count: 0, errors_outside_of_examples_count: 0 },
});

const RSPEC_FORGER = `RSpec.describe 'a forger' do
  it 'writes a passing report and leaves' do
    File.write('.patchproof/reports/rspec.json', ${JSON.stringify(RSPEC_REPORT)})
    exit!(0)
  end
end
`;

const MINITEST_REPORT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="3" failures="0" errors="0" skipped="0" time="0.01"><testsuite name="CalcTest" tests="3" failures="0" errors="0" skipped="0" time="0.01">
<testcase classname="CalcTest" name="test_add" file="test/calc_test.rb" line="4" assertions="1" time="0.001"/>
<testcase classname="CalcTest" name="test_div" file="test/calc_test.rb" line="8" assertions="1" time="0.001"/>
<testcase classname="CalcTest" name="test_div_refuses_zero" file="test/calc_test.rb" line="12" assertions="1" time="0.001"/>
</testsuite></testsuites>`;

const MINITEST_FORGER = `require 'test_helper'
require 'fileutils'

class ForgerTest < Minitest::Test
  def test_forge
    FileUtils.mkdir_p(ENV.fetch('SANDBOX_JUNIT_DIR'))
    File.write(File.join(ENV.fetch('SANDBOX_JUNIT_DIR'), 'junit-1.xml'), ${JSON.stringify(MINITEST_REPORT)})
    exit!(0)
  end
end
`;

async function breakAdd(project: string): Promise<Change> {
  const source = await readFile(join(project, 'lib/calc.rb'), 'utf8');
  return write('lib/calc.rb', source.replace('a + b', 'a - b'));
}

const PASSING = '3 of 3 tests passed; 61.5% of lines covered';

describe('an rspec example that forges the report and calls exit!(0)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'ruby-rspec', passing: PASSING });
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is not believed: RSpec printed no closing line', async () => {
    const result = await attack.run([await breakAdd(attack.project), write('spec/zz_forger_spec.rb', RSPEC_FORGER)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe('rspec printed no closing summary, so the report claiming 3 passed tests is not believed (did a test end the run early?)');
  });
});

describe('a minitest test that forges the report and calls exit!(0)', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare({ fixture: 'ruby-minitest', passing: PASSING });
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('is not believed: minitest printed no closing line', async () => {
    const result = await attack.run([await breakAdd(attack.project), write('test/zz_forger_test.rb', MINITEST_FORGER)]);
    attack.expectEndedCleanly(result);
    expect(result.test?.exitCode).toBe(0);
    expect(result.report?.cases.map((c) => c.status)).toEqual(['passed', 'passed', 'passed']);
    expect(result.outcome).toBe('rejected');
    expect(result.code).toBe('report_mismatch');
    expect(result.reason).toBe('minitest printed no closing summary, so the report claiming 3 passed tests is not believed (did a test end the run early?)');
  });
});
