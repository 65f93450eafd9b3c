/** rspec's and minitest's tests and test support, rake's files for both. */
import { describe, expect, it } from 'vitest';
import { minitestTestPaths, rspecTestPaths } from '../../../src/toolchains/ruby/ruby-test-paths.js';
import { rolesOf } from './touched-file.js';

describe('rspec test paths', () => {
  it('names *_spec.rb under spec/ as tests; helpers, support, .rspec and rake files as support', () => {
    expect(rolesOf(rspecTestPaths, ['spec/calc_spec.rb', 'spec/models/user_spec.rb', 'spec/spec_helper.rb', 'spec/rails_helper.rb', 'spec/support/matchers.rb', '.rspec', 'Rakefile', 'rakelib/ci.rake', 'lib/tasks/db.rake', '.simplecov', 'lib/calc.rb', 'lib/calc_spec.rb'])).toEqual({
      'spec/calc_spec.rb': 'test',
      'spec/models/user_spec.rb': 'test',
      'spec/spec_helper.rb': 'support',
      'spec/rails_helper.rb': 'support',
      'spec/support/matchers.rb': 'support',
      '.rspec': 'support',
      Rakefile: 'support',
      'rakelib/ci.rake': 'support',
      'lib/tasks/db.rake': 'support',
      '.simplecov': 'support',
      'lib/calc.rb': null,
      'lib/calc_spec.rb': null,
    });
  });
});

describe('minitest test paths', () => {
  it('names *_test.rb and test_*.rb as tests; test_helper.rb, the rest of test/, plugins and rake files as support', () => {
    expect(rolesOf(minitestTestPaths, ['test/calc_test.rb', 'test/unit/test_parser.rb', 'test/test_helper.rb', 'test/support/fake.rb', 'lib/minitest/pass_plugin.rb', 'Rakefile', 'lib/calc.rb', 'lib/minitest_helpers.rb'])).toEqual({
      'test/calc_test.rb': 'test',
      'test/unit/test_parser.rb': 'test',
      'test/test_helper.rb': 'support',
      'test/support/fake.rb': 'support',
      'lib/minitest/pass_plugin.rb': 'support',
      Rakefile: 'support',
      'lib/calc.rb': null,
      'lib/minitest_helpers.rb': null,
    });
  });
});
