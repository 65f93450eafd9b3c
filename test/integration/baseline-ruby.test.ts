/**
 * RSpec and minitest verdicts against a red baseline, end to end (built CLI, real SQLite file,
 * real engine): the cases of baselineCases, with RSpec's `file[ids] description` and minitest's
 * `Class#test_x` identities. Both fixtures hold the same lib/calc.rb.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, it } from 'vitest';
import { baselineCases, type RedProject, redProject } from '../support/baseline-scenario.js';

const CALC = 'lib/calc.rb';
type Source = (path: string) => Promise<string>;
const common = {
  total: 4,
  breaking: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('a + b', 'a - b') }],
  fixing: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace('    a / b\n', '    (a + b / 2) / b\n') }],
  // In place of calc.rb's closing `end` (line 24): 24 blank, 25-28 the method, 29 the module's end.
  // The def runs at load; its body (26-27) does not.
  untested: async (source: Source) => [{ filepath: CALC, content: (await source(CALC)).replace(/end\s*$/, '\n  def mul(a, b)\n    c = a * b\n    c\n  end\nend\n') }],
  untestedLines: { file: CALC, lines: '26-27', total: 3, covered: 1 },
  // Nothing requires it, and SimpleCov lists only the files the tests loaded.
  newFile: { path: 'lib/twice.rb', content: "module Twice\n  def self.twice(a)\n    a * 2\n  end\nend\n", coverage: 'unmeasured' as const },
};

const rspec = {
  ...common,
  fixture: fileURLToPath(new URL('../fixtures/projects/ruby-rspec/', import.meta.url)),
  red: { filepath: 'spec/red_spec.rb', content: "RSpec.describe 'rounding' do\n  it 'rounds division' do\n    expect(Calc.div(7, 2)).to eq(4)\n  end\nend\n" },
  redId: 'spec/red_spec.rb[1:1] rounding rounds division',
  brokenIds: ['spec/calc_spec.rb[1:1] Calc adds'],
  testFile: 'spec/calc_spec.rb',
  newTest: { before: "  it 'adds' do", text: "  it 'adds zero' do\n    expect(Calc.add(0, 0)).to eq(0)\n  end\n\n", id: 'spec/calc_spec.rb[1:1] Calc adds zero' },
  testEdit: ['.to eq(4)', '.to be_a(Integer)'] as const,
  // RSpec's own full description: a group named '.div' or '#div' joins its parent without a space.
  testFileIds: ['spec/calc_spec.rb[1:1] Calc adds', 'spec/calc_spec.rb[1:2] Calc divides', 'spec/calc_spec.rb[1:3:1] Calc.div refuses zero'],
};

const minitest = {
  ...common,
  fixture: fileURLToPath(new URL('../fixtures/projects/ruby-minitest/', import.meta.url)),
  red: { filepath: 'test/red_test.rb', content: "require 'test_helper'\n\nclass RedTest < Minitest::Test\n  def test_div_rounds\n    assert_equal 4, Calc.div(7, 2)\n  end\nend\n" },
  redId: 'RedTest#test_div_rounds',
  brokenIds: ['CalcTest#test_add'],
  testFile: 'test/calc_test.rb',
  newTest: { before: '  def test_add\n', text: '  def test_add_zero\n    assert_equal 0, Calc.add(0, 0)\n  end\n\n', id: 'CalcTest#test_add_zero' },
  testEdit: ['assert_equal 4, Calc.add(2, 2)', 'assert Calc.add(2, 2)'] as const,
  testFileIds: ['CalcTest#test_add', 'CalcTest#test_div', 'CalcTest#test_div_refuses_zero'],
};

for (const [name, scenario] of [['RSpec', rspec], ['minitest', minitest]] as const) {
  describe(`${name} verdicts against a red baseline (CLI)`, () => {
    let red: RedProject;
    beforeAll(async () => {
      red = await redProject(scenario.fixture, scenario.red);
    });
    afterEach(async () => {
      await red.expectNothingLeft();
    });
    baselineCases(scenario, it, () => red);
  });
}
