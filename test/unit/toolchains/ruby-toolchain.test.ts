/**
 * The Ruby toolchains' pure parts: detection, commands, the scripts' shell plumbing with stand-in
 * tools, and collect plus grade on every real report scenario (test/fixtures/reports/ruby).
 * Over 300 lines: two toolchains (RSpec, minitest) share one template, scripts and collectors.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportTotals } from '../../../parsers/report.js';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { grade, type Verdict } from '../../../src/pipeline/grade.js';
import type { CommandResult } from '../../../src/sandbox/command-result.js';
import { minitestToolchain } from '../../../src/toolchains/ruby/minitest-toolchain.js';
import { rspecToolchain } from '../../../src/toolchains/ruby/rspec-toolchain.js';
import type { Toolchain } from '../../../src/toolchains/toolchain.js';
import { exitCodeOf, minitestCounts, rspecCounts, rubyFixture, rubyReportFiles } from '../../fixtures/reports/ruby/fixture-files.js';

const RSPEC_PROJECT = fileURLToPath(new URL('../../fixtures/projects/ruby-rspec/', import.meta.url));
const MINITEST_PROJECT = fileURLToPath(new URL('../../fixtures/projects/ruby-minitest/', import.meta.url));
const NO_CONTEXT = { snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: [] };

async function projectWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-ruby-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

async function detected(dir: string): Promise<{ rspec: readonly string[] | null; minitest: readonly string[] | null }> {
  const snapshot = await snapshotProject(dir);
  return { rspec: rspecToolchain.detect(snapshot)?.evidence ?? null, minitest: minitestToolchain.detect(snapshot)?.evidence ?? null };
}

describe('detecting a Ruby project', () => {
  it('runs the RSpec fixture with rspec, saying every signal', async () => {
    expect(await detected(RSPEC_PROJECT)).toEqual({
      rspec: ['Rakefile', 'Gemfile', '.rspec', 'spec/ holds 1 *_spec.rb file(s)', 'Gemfile names rspec', 'runs rspec'],
      minitest: null,
    });
  });

  it('runs the minitest fixture through rake test, not counting test_helper.rb as a test file', async () => {
    expect(await detected(MINITEST_PROJECT)).toEqual({
      rspec: null,
      minitest: ['Rakefile', 'Gemfile', 'test/ holds 1 *_test.rb or test_*.rb file(s)', 'no RSpec signal: runs minitest through rake test'],
    });
  });

  it('takes any one RSpec signal as enough, and then never minitest', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ '.rspec': '--require spec_helper\n' }, '.rspec'],
      [{ 'spec/models/user_spec.rb': '' }, 'spec/ holds 1 *_spec.rb file(s)'],
      [{ Gemfile: "gem \"rspec-core\", '~> 3'\n" }, 'Gemfile names rspec'],
      [{ Gemfile: "gem 'rake'\n", 'Gemfile.lock': 'GEM\n  specs:\n    rspec-core (3.12.0)\n' }, 'Gemfile.lock has rspec-core'],
      [{ 'calc.gemspec': "Gem::Specification.new { |s| s.add_development_dependency 'rspec', '~> 3' }\n" }, 'calc.gemspec depends on rspec'],
    ];
    for (const [files, signal] of cases) {
      const found = await detected(await projectWith(files));
      expect(found.rspec, signal).toContain(signal);
      expect(found.minitest, signal).toBeNull();
    }
  });

  it('runs a Gemfile without a Rakefile as minitest, and says nothing about a project with neither', async () => {
    expect((await detected(await projectWith({ Gemfile: "gem 'minitest'\n", 'test/calc_test.rb': '' }))).minitest).toEqual([
      'Gemfile',
      'test/ holds 1 *_test.rb or test_*.rb file(s)',
      'no RSpec signal and no Rakefile: runs minitest on test/**/*_test.rb',
    ]);
    expect(await detected(await projectWith({ 'test/calc_test.rb': '', 'lib/calc.rb': '' }))).toEqual({ rspec: null, minitest: null });
  });
});

describe('Ruby commands', () => {
  it('checks every Ruby file with ruby -wc as the build, for both toolchains', () => {
    const [shell, flag, script] = rspecToolchain.buildCommand(NO_CONTEXT) ?? [];
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toContain('ruby -wc "$f"');
    expect(minitestToolchain.buildCommand(NO_CONTEXT)).toEqual(rspecToolchain.buildCommand(NO_CONTEXT));
    expect([rspecToolchain.template, minitestToolchain.template]).toEqual(['ruby', 'ruby']);
  });

  it('runs rspec with the JSON, JUnit and progress formatters into the report folder, exiting with rspec\'s code', () => {
    const [, , script = ''] = rspecToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('rspec --format progress --format json --out .patchproof/reports/rspec.json --require rspec_junit_formatter --format RspecJunitFormatter --out .patchproof/reports/rspec-junit.xml');
    expect(script).toContain('cp /opt/patchproof/ruby/.simplecov "$HOME/.simplecov"');
    expect(script.trimEnd().split('\n').at(-1)).toBe('exit "$(cat .patchproof/reports/rspec-exit-code)"');
  });

  it('runs rake test when there is a Rakefile at run time, else loads the test files, with the JUnit plugin on', () => {
    const [, , script = ''] = minitestToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('export SANDBOX_JUNIT_DIR=.patchproof/reports/minitest');
    expect(script).toContain('if [ -f Rakefile ] || [ -f rakefile ] || [ -f Rakefile.rb ] || [ -f rakefile.rb ]; then set -- rake test; else set -- ruby -w -Ilib -Itest -e');
    expect(script.trimEnd().split('\n').at(-1)).toBe('exit "$rc"');
  });
});

interface ShellRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs a script in `dir` with `bin` first on PATH, where stand-in tools print real output. */
function runScript(script: string, dir: string, bin: string): Promise<ShellRun> {
  return new Promise((resolve) => {
    execFile('sh', ['-c', script], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin`, HOME: dir } }, (error, stdout, stderr) => {
      resolve({ stdout, stderr, code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1 });
    });
  });
}

async function standIn(name: string, body: string): Promise<string> {
  const bin = await mkdtemp(join(tmpdir(), 'patchproof-ruby-bin-'));
  await writeFile(join(bin, name), `#!/bin/sh\n${body}\n`);
  await chmod(join(bin, name), 0o755);
  return bin;
}

describe('the build script', () => {
  /** A stand-in `ruby` that fails `lib/errors.rb` with Ruby's real output and records every file it checks. */
  async function checkProject(): Promise<{ run: ShellRun; checked: string[] }> {
    const dir = await projectWith({
      'lib/errors.rb': '', 'lib/calc.rb': '', 'Rakefile': '', 'Gemfile': '', 'calc.gemspec': '', 'tasks/db.rake': '', 'README.md': '',
      '.git/hooks/x.rb': '', 'vendor/bundle/gem.rb': '', '.patchproof/reports/x.rb': '', 'ruby.log': '',
    });
    await writeFile(join(dir, 'stderr.txt'), rubyFixture('build-step/warnings-then-error/build-stdout.txt'));
    const bin = await standIn('ruby', `echo "$2" >> '${join(dir, 'ruby.log')}'\nif [ "$2" = lib/errors.rb ]; then cat '${join(dir, 'stderr.txt')}' >&2; exit 1; fi\necho 'Syntax OK'`);
    const [, , script = ''] = rspecToolchain.buildCommand(NO_CONTEXT) ?? [];
    const run = await runScript(script, dir, bin);
    const checked = (await readFile(join(dir, 'ruby.log'), 'utf8')).trim().split('\n');
    return { run, checked };
  }

  it('puts the first syntax error first on stderr, the failing file\'s whole output on stdout', async () => {
    const { run } = await checkProject();
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(rubyFixture('build-step/warnings-then-error/build-stderr.txt'));
    expect(run.stderr).toBe("lib/errors.rb:6: syntax error, unexpected end-of-input, expecting `end'\n");
    expect(run.stdout).toBe(rubyFixture('build-step/warnings-then-error/build-stdout.txt'));
  });

  it('checks Ruby sources and what rake and bundler load, not .git, vendor or the report folder', async () => {
    const { checked } = await checkProject();
    expect(checked).toEqual(['Gemfile', 'Rakefile', 'calc.gemspec', 'lib/calc.rb', 'lib/errors.rb', 'tasks/db.rake']);
  });

  it('makes grade name the syntax error, where the first line with "error" in Ruby\'s log is a warning', () => {
    const build = (stdout: string, stderr: string): CommandResult => ({ ...commandResult(1), stdout, stderr });
    const stdout = rubyFixture('build-step/warnings-then-error/build-stdout.txt');
    const stderr = rubyFixture('build-step/warnings-then-error/build-stderr.txt');
    const verdict = (b: CommandResult) => grade({ build: b, test: commandResult(0), oomKilled: false, reports: NO_REPORTS, minCoverage: null, memoryBytes: 1, outputLimitBytes: 1, explainMissingReport: () => '' }).reason;
    expect(verdict(build(stdout, stderr))).toBe("build failed: lib/errors.rb:6: syntax error, unexpected end-of-input, expecting `end'");
    expect(verdict(build(stdout, ''))).toBe("build failed: lib/errors.rb:5: warning: mismatched indentations at 'end' with 'if' at 3");
    expect(verdict(build(rubyFixture('build-step/syntax-error/build-stdout.txt'), rubyFixture('build-step/syntax-error/build-stderr.txt')))).toBe(
      "build failed: lib/calc.rb:8: syntax error, unexpected `end', expecting ')'",
    );
  });

  it('passes silently when every file is fine', async () => {
    expect(rubyFixture('build-step/clean/build-exit-code').trim()).toBe('0');
    expect(rubyFixture('build-step/clean/build-stdout.txt') + rubyFixture('build-step/clean/build-stderr.txt')).toBe('');
  });

  it('checks a file whose #! line names another program (#!/usr/bin/env rake) as Ruby, naming the file in the error', async () => {
    const rakeLine = '#!/usr/bin/env rake\n';
    const dir = await projectWith({ Rakefile: `${rakeLine}task default: :test\n`, 'lib/tasks.rake': `${rakeLine}\ntask :release do\n  sh("git tag v1"\nend\n`, 'lib/calc.rb': '' });
    const log = join(dir, 'ruby.log');
    // What the real ruby does: a file argument whose #! line lacks "ruby" is "no Ruby script"; stdin is checked.
    const bin = await standIn('ruby', [
      `if [ "$2" = - ]; then input=$(cat); printf '%s\\n' "- $(printf '%s\\n' "$input" | head -n 1)" >> '${log}'`,
      `  case "$input" in *'sh("git tag v1"'*) cat '${join(dir, 'stdin.txt')}' >&2; exit 1 ;; esac; echo 'Syntax OK'; exit 0; fi`,
      `echo "$2" >> '${log}'`,
      `case "$(head -n 1 "$2")" in '#!'*ruby*) ;; '#!'*) cat '${join(dir, 'file.txt')}' >&2; exit 1 ;; esac; echo 'Syntax OK'`,
    ].join('\n'));
    await writeFile(join(dir, 'stdin.txt'), rubyFixture('build-step/shebang-not-ruby/ruby-stdin-stderr.txt'));
    await writeFile(join(dir, 'file.txt'), rubyFixture('build-step/shebang-not-ruby/ruby-file-stderr.txt'));
    expect(rubyFixture('build-step/shebang-not-ruby/ruby-file-stderr.txt')).toBe('ruby: no Ruby script found in input (LoadError)\n');

    const [, , script = ''] = minitestToolchain.buildCommand(NO_CONTEXT) ?? [];
    const run = await runScript(script, dir, bin);
    expect(run.code).toBe(Number(rubyFixture('build-step/shebang-not-ruby/build-exit-code').trim()));
    expect(run.stderr).toBe(rubyFixture('build-step/shebang-not-ruby/build-stderr.txt'));
    expect(run.stderr).toBe("lib/tasks.rake:5: syntax error, unexpected `end', expecting ')'\n");
    expect(run.stdout).toBe(rubyFixture('build-step/shebang-not-ruby/build-stdout.txt'));
    // The valid Rakefile passed: both rake files went through stdin with their first line made `#!ruby`.
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['- #!ruby', 'lib/calc.rb', '- #!ruby']);
  });
});

describe('the RSpec test script\'s plumbing', () => {
  it('streams rspec\'s output, keeps its head and tail and its exit code for collect, and exits with it', async () => {
    const dir = await projectWith({});
    const bin = await standIn('rspec', 'i=1; while [ $i -le 1000 ]; do echo "line $i"; i=$((i + 1)); done; echo "invalid option: --nope" >&2; exit 3');
    const [, , script = ''] = rspecToolchain.testCommand(NO_CONTEXT);
    const run = await runScript(script, dir, bin);
    expect(run.code).toBe(3);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('line '))).toHaveLength(1000);
    expect(run.stderr).toContain('invalid option: --nope');
    const reports = join(dir, '.patchproof/reports');
    expect((await readFile(join(reports, 'rspec-exit-code'), 'utf8')).trim()).toBe('3');
    const kept = (await readFile(join(reports, 'rspec-stdout.txt'), 'utf8')).split('\n');
    expect([kept[0], kept[199], kept[200], kept[201], kept[400]]).toEqual(['line 1', 'line 200', '[... 600 lines left out ...]', 'line 801', 'line 1000']);
    expect(await readFile(join(reports, 'rspec-stderr.txt'), 'utf8')).toBe('invalid option: --nope\n');
  });
});

const NO_REPORTS = { tests: null, testsProblem: null, coverage: null, coverageProblem: null };

function commandResult(exitCode: number): CommandResult {
  return { command: [], exitCode, signal: null, timedOut: false, outputLimitExceeded: false, outputTruncated: false, durationMs: 1, stdout: '', stderr: '', stdoutBytes: 0, stderrBytes: 0 };
}

/** The verdict grade gives a scenario's real reports, with the exit code the run had. */
async function verdictOf(toolchain: Toolchain, scenario: string): Promise<Verdict> {
  const reports = await toolchain.collect(rubyReportFiles(scenario));
  const exitCode = exitCodeOf(scenario);
  return grade({ build: null, test: commandResult(exitCode), oomKilled: false, reports, minCoverage: null, memoryBytes: 1, outputLimitBytes: 1, explainMissingReport: (code) => toolchain.explainMissingReport(code) });
}

describe('RSpec runs, collected and graded', () => {
  const verdicts: [string, string, string][] = [
    ['pass', 'passed', '3 of 3 tests passed; 61.5% of lines covered'],
    ['mixed', 'tests_failed', '5 of 16 tests failed: fails an expectation, raises unexpectedly, is pending but passes, never gets to run, never gets to run either'],
    ['load-error', 'collection_error', 'tests could not be collected: spec/boom_spec.rb: RuntimeError: boom at load (and 1 more)'],
    ['helper-load-error', 'collection_error', "tests could not be collected: spec_helper: NoMethodError: undefined method `configure!' for Calc:Module"],
    ['suite-hook-error', 'collection_error', 'tests could not be collected: before(:suite) hook: RuntimeError: no database in the sandbox'],
    ['no-tests', 'no_tests', 'no tests ran'],
    ['exit-in-example', 'tests_failed', '1 of 5 tests failed: exits (although the runner exited 0)'],
    ['bad-option', 'collection_error', 'tests could not be collected: rspec: invalid option: --no-such-option (defined in ./.rspec)'],
    ['coverage-minimum', 'exit_code_mismatch', 'every test in the report passed, but the test run exited with code 2'],
  ];
  for (const [scenario, code, reason] of verdicts) {
    it(`grades rspec/${scenario}: ${code}`, async () => {
      expect(await verdictOf(rspecToolchain, `rspec/${scenario}`)).toMatchObject({ code, reason });
    });
  }

  it('counts what RSpec printed, except the example that never finished, which RSpec does not count as failed', async () => {
    for (const scenario of ['pass', 'mixed', 'load-error', 'helper-load-error', 'suite-hook-error', 'no-tests', 'coverage-minimum', 'exit-in-example']) {
      const { examples, failures, pending, outside } = rspecCounts(`rspec/${scenario}`);
      const unfinished = scenario === 'exit-in-example' ? 1 : 0;
      const totals = reportTotals((await rspecToolchain.collect(rubyReportFiles(`rspec/${scenario}`))).tests);
      expect({ total: totals.total, failed: totals.failed + totals.errors, skipped: totals.skipped }, scenario).toEqual({
        total: examples,
        failed: failures + outside + unfinished,
        skipped: pending,
      });
    }
  });

  it('falls back to the JUnit file when the JSON is missing, adding the console\'s load errors it hides', async () => {
    const files = rubyReportFiles('rspec/load-error');
    files.delete('rspec.json');
    const collected = await rspecToolchain.collect(files);
    expect(collected.tests?.warnings[0]).toBe('read from rspec-junit.xml: rspec.json was not written');
    expect(collected.tests?.runErrors.map((e) => `${e.where}: ${e.message}`)).toEqual(['spec/boom_spec.rb: RuntimeError: boom at load', 'spec/db_spec.rb: LoadError: cannot load such file -- no_such_gem']);
  });

  it('falls back to the JUnit file when the JSON is cut off, with project-relative files', async () => {
    const files = rubyReportFiles('rspec/pass');
    files.set('rspec.json', Buffer.from(rubyFixture('rspec/pass/rspec.json').slice(0, 100)));
    const collected = await rspecToolchain.collect(files);
    expect(collected.tests?.warnings[0]).toMatch(/^read from rspec-junit\.xml: not JSON: /);
    expect(collected.tests?.cases.map((c) => `${c.file}: ${c.status}`)).toEqual(['spec/calc_spec.rb: passed', 'spec/calc_spec.rb: passed', 'spec/calc_spec.rb: passed']);
  });

  it('says the report is missing when rspec left nothing, and explains it from the exit code', async () => {
    const collected = await rspecToolchain.collect(new Map());
    expect(collected.tests).toBeNull();
    expect(collected.testsProblem?.message).toBe('rspec.json: no report was written');
    expect(collected.coverageProblem?.message).toBe("coverage/.resultset.json: no report was written (SimpleCov measures only when the project's test helper starts it)");
    expect(rspecToolchain.explainMissingReport(137)).toBe('the test run was killed before RSpec wrote its report (exit code 137)');
    expect(rspecToolchain.explainMissingReport(1)).toBe('RSpec stopped before writing its report (exit code 1); see the test output');
  });
});

describe('minitest runs, collected and graded', () => {
  const verdicts: [string, string, string][] = [
    ['pass', 'passed', '3 of 3 tests passed; 61.5% of lines covered'],
    ['mixed', 'tests_failed', '3 of 9 tests failed: test_raises_unexpectedly, test_fails_an_assertion, test_positive_wrongly'],
    ['load-error', 'collection_error', 'tests could not be collected: test/boom_test.rb: RuntimeError: boom at load'],
    ['missing-require', 'collection_error', 'tests could not be collected: test/db_test.rb: LoadError: cannot load such file -- no_such_gem'],
    ['no-tests', 'no_tests', 'no tests ran'],
    ['no-test-methods', 'no_tests', 'no tests ran'],
    ['test-is-a-folder', 'no_tests', 'no tests ran'],
    ['exit-in-test', 'no_report', 'the test run ended (exit code 1) before minitest wrote its report: a test called exit or abort, or the process crashed; see the test output'],
    ['no-rakefile', 'passed', '3 of 3 tests passed; 61.5% of lines covered'],
    ['two-tasks', 'passed', '4 of 4 tests passed; 84.6% of lines covered'],
    ['two-tasks-load-error', 'collection_error', 'tests could not be collected: test/words_test.rb: RuntimeError: boom at load'],
    ['rake-no-test-task', 'collection_error', "tests could not be collected: rake: Don't know how to build task 'test' (See the list of available tasks with `rake --tasks`)"],
    ['coverage-minimum', 'exit_code_mismatch', 'every test in the report passed, but the test run exited with code 1'],
  ];
  for (const [scenario, code, reason] of verdicts) {
    it(`grades minitest/${scenario}: ${code}`, async () => {
      expect(await verdictOf(minitestToolchain, `minitest/${scenario}`)).toMatchObject({ code, reason });
    });
  }

  it('counts what minitest printed, in every test process, plus the file that never loaded', async () => {
    for (const scenario of ['pass', 'mixed', 'no-test-methods', 'no-rakefile', 'two-tasks', 'two-tasks-load-error', 'coverage-minimum']) {
      const { runs, failures, errors, skips } = minitestCounts(`minitest/${scenario}`);
      const neverLoaded = scenario === 'two-tasks-load-error' ? 1 : 0;
      const totals = reportTotals((await minitestToolchain.collect(rubyReportFiles(`minitest/${scenario}`))).tests);
      expect(totals, scenario).toEqual({ total: runs, passed: runs - failures - errors - skips, failed: failures, errors: errors + neverLoaded, skipped: skips });
    }
  });

  it('names each test\'s file relative to the project', async () => {
    const cases = (await minitestToolchain.collect(rubyReportFiles('minitest/two-tasks'))).tests?.cases ?? [];
    expect([...new Set(cases.map((c) => c.file))].sort()).toEqual(['test/calc_test.rb', 'test/words_test.rb']);
  });

  it('says a JUnit file that cannot be read is the problem, rather than guessing', async () => {
    const files = rubyReportFiles('minitest/pass');
    const [name] = [...files.keys()].filter((n) => n.startsWith('minitest/'));
    files.set(name ?? '', Buffer.from('<testsuites><testsuite name="CalcTest">'));
    const collected = await minitestToolchain.collect(files);
    expect(collected.tests).toBeNull();
    expect(collected.testsProblem?.file).toBe(name);
    expect(minitestToolchain.explainMissingReport(137)).toBe('the test run was killed before minitest wrote its report (exit code 137)');
  });
});

describe('coverage from SimpleCov', () => {
  it('takes SimpleCov\'s own totals, which leave # :nocov: blocks out', async () => {
    const collected = await minitestToolchain.collect(rubyReportFiles('simplecov/nocov'));
    expect(collected.coverage).toMatchObject({ format: 'simplecov-json', linesPct: 100, linesCovered: 7, linesValid: 7 });
  });

  it('recounts .resultset.json when the project replaced the formatters or set its own coverage_dir', async () => {
    const collected = await minitestToolchain.collect(rubyReportFiles('simplecov/own-coverage-dir'));
    expect(collected.coverage).toEqual({ format: 'simplecov-resultset', linesPct: 61.54, linesCovered: 8, linesValid: 13, branchesPct: 33.33, branchesCovered: 2, branchesValid: 6 });
    const files = rubyReportFiles('rspec/mixed');
    files.set('coverage/coverage.json', Buffer.from('{"cut'));
    expect((await rspecToolchain.collect(files)).coverage).toMatchObject({ format: 'simplecov-resultset', linesCovered: 10, linesValid: 13 });
  });

  it('has coverage for failing runs and runs that died loading, and none where SimpleCov never started', async () => {
    expect((await rspecToolchain.collect(rubyReportFiles('rspec/load-error'))).coverage?.linesPct).toBe(38.46);
    expect((await minitestToolchain.collect(rubyReportFiles('minitest/load-error'))).coverage?.linesPct).toBe(38.46);
    const none = await minitestToolchain.collect(rubyReportFiles('minitest/no-tests'));
    expect(none.coverage).toBeNull();
    expect(none.coverageProblem?.reason).toBe("no report was written (SimpleCov measures only when the project's test helper starts it)");
  });
});
