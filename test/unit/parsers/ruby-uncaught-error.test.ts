/**
 * The stderr of real `rake test` runs in the ruby image (test/fixtures/reports/ruby/README.md):
 * Ruby's report of an uncaught exception, the only record of a test file that failed to load,
 * and rake's own "rake aborted!" reason.
 */
import { describe, expect, it } from 'vitest';
import { parseRakeAborted } from '../../../parsers/ruby-uncaught-error/parse-rake-aborted.js';
import { parseRubyUncaughtError } from '../../../parsers/ruby-uncaught-error/parse-ruby-uncaught-error.js';
import { rubyFixture } from '../../fixtures/reports/ruby/fixture-files.js';

const stderr = (scenario: string) => rubyFixture(`minitest/${scenario}/minitest-stderr.txt`);

describe('an uncaught exception on stderr', () => {
  it('names the test file that raised while loading, and the exception', () => {
    expect(parseRubyUncaughtError(stderr('load-error'), '/workspace')).toEqual({ kind: 'suite-load', where: 'test/boom_test.rb', message: 'RuntimeError: boom at load' });
  });

  it('names the project file that required a missing library, not rubygems\' require', () => {
    expect(stderr('missing-require').split('\n')[1]).toMatch(/^<internal:.*kernel_require\.rb>:85:in `require': cannot load such file -- no_such_gem \(LoadError\)$/);
    expect(parseRubyUncaughtError(stderr('missing-require'), '/workspace')).toEqual({ kind: 'suite-load', where: 'test/db_test.rb', message: 'LoadError: cannot load such file -- no_such_gem' });
  });

  it('finds it after another process\'s output, and past SimpleCov\'s note', () => {
    expect(stderr('two-tasks-load-error')).toContain('Stopped processing SimpleCov');
    expect(parseRubyUncaughtError(stderr('two-tasks-load-error'), '/workspace')).toMatchObject({ where: 'test/words_test.rb', message: 'RuntimeError: boom at load' });
  });

  it('finds none in the stderr of runs that did not crash', () => {
    for (const scenario of ['pass', 'mixed', 'coverage-minimum', 'exit-in-test', 'rake-no-test-task']) {
      expect(parseRubyUncaughtError(stderr(scenario), '/workspace'), scenario).toBeNull();
    }
  });

  it('reads Ruby 3.4\'s quoting too (a hand-written line: this image\'s Ruby 3.1 cannot make one)', () => {
    const ruby34 = "/workspace/test/boom_test.rb:3:in '<top (required)>': boom at load (RuntimeError)\n\tfrom /usr/lib/ruby/3.4.0/rake/rake_test_loader.rb:21:in 'block in <main>'\n";
    expect(parseRubyUncaughtError(ruby34, '/workspace')).toEqual({ kind: 'suite-load', where: 'test/boom_test.rb', message: 'RuntimeError: boom at load' });
  });
});

describe('rake aborted', () => {
  it('gives rake\'s reason when it has no test task to run', () => {
    expect(parseRakeAborted(stderr('rake-no-test-task'))).toEqual({
      message: "Don't know how to build task 'test' (See the list of available tasks with `rake --tasks`)",
      testProcessFailed: false,
    });
  });

  it('says when rake only reports that its test process failed', () => {
    expect(parseRakeAborted(stderr('load-error'))).toEqual({ message: 'Command failed with status (1)', testProcessFailed: true });
    expect(parseRakeAborted(stderr('coverage-minimum'))).toEqual({ message: 'Command failed with status (2)', testProcessFailed: true });
  });

  it('joins an exception\'s message that starts on its own line to its class (a real gem whose gemspec runs git)', () => {
    expect(stderr('gemspec-needs-git').split('\n').slice(0, 3)).toEqual(['rake aborted!', 'Bundler::GemspecError: ', expect.stringMatching(/^\[!\] There was an error/)]);
    expect(parseRakeAborted(stderr('gemspec-needs-git'))).toEqual({
      message: 'Bundler::GemspecError: [!] There was an error while loading `beefcake.gemspec`: No such file or directory - git. Bundler cannot continue.',
      testProcessFailed: false,
    });
    expect(parseRubyUncaughtError(stderr('gemspec-needs-git'), '/workspace')).toBeNull();
  });

  it('finds nothing when rake did not abort', () => {
    expect(parseRakeAborted(stderr('pass'))).toBeNull();
    expect(parseRakeAborted(stderr('test-is-a-folder'))).toBeNull();
  });
});
