/**
 * The shell scripts the Ruby toolchains run in the sandbox (cwd /workspace), against the ruby
 * image (templates/ruby/Dockerfile; docs/toolchains.md §6). Report paths are relative to the
 * workspace; collect receives them relative to REPORT_DIR. Every script sets the helpers' path
 * itself: the sandbox's environment wins over the image's.
 */
import { REPORT_DIR } from '../toolchain.js';
import { RUBY_REPORTS } from './ruby-report-files.js';

/** Where templates/ruby/Dockerfile puts the helpers of templates/ruby/sandbox/. */
export const HELPERS = '/opt/patchproof/ruby';

const R = REPORT_DIR;
const F = RUBY_REPORTS;
const STARTED = '/tmp/patchproof-ruby-started';
const KEPT_LINES = 200;
/** templates/ruby/sandbox/patchproof_autocov.rb, found through RUBYLIB. */
const AUTOCOV = 'patchproof_autocov';

/**
 * What both test scripts do first. SimpleCov loads ~/.simplecov when it is required: the report
 * folder, branch coverage and the JSON formatter come from there (the project's own
 * SimpleCov.start still wins). The stamp dates the run, for finding a resultset the project put
 * elsewhere. `keep` saves a log's first and last lines: enough for what collect looks for (a
 * load error comes first, an uncaught exception last) without copying megabytes of `puts`.
 */
const SETUP = [
  `export RUBYLIB="${HELPERS}\${RUBYLIB:+:$RUBYLIB}"`,
  `mkdir -p ${R}`,
  `cp ${HELPERS}/.simplecov "$HOME/.simplecov"`,
  `touch ${STARTED}`,
  // Coverage without project configuration: SimpleCov is started by us when no Ruby file of the
  // project (nor a .simplecov) names it; a project that configures it keeps its own settings.
  `if [ ! -f .simplecov ] && ! grep -rqs --include='*.rb' --include=Rakefile --exclude-dir=.patchproof --exclude-dir=vendor --exclude-dir=.git -e SimpleCov -e simplecov .; then export RUBYOPT="-r${AUTOCOV}\${RUBYOPT:+ $RUBYOPT}"; fi`,
  `keep() { n=$(wc -l < "$1"); if [ "$n" -le ${2 * KEPT_LINES} ]; then cp "$1" "$2"; else { head -n ${KEPT_LINES} "$1"; echo "[... $((n - ${2 * KEPT_LINES})) lines left out ...]"; tail -n ${KEPT_LINES} "$1"; } > "$2"; fi; }`,
];

/**
 * A project whose SimpleCov.start sets its own coverage_dir writes its resultset there: copy the
 * one written during this run into the report folder (never a stale one the project ships).
 */
const FIND_MOVED_RESULTSET = [
  `if [ ! -f ${R}/${F.resultset} ]; then`,
  `  moved=$(find . -path ./${R.split('/')[0] ?? R} -prune -o -type f -name .resultset.json -newer ${STARTED} -print | head -n 1)`,
  `  if [ -n "$moved" ]; then mkdir -p ${R}/${F.resultset.replace(/\/[^/]+$/, '')} && cp "$moved" ${R}/${F.resultset}; fi`,
  'fi',
];

// Ruby's own sources and what rake, bundler and gem load as Ruby.
const RUBY_SOURCES = String.raw`\( -name '*.rb' -o -name '*.rake' -o -name '*.gemspec' -o -name Rakefile -o -name rakefile -o -name Gemfile \)`;
const NOT_OURS = String.raw`\( -path ./.patchproof -o -path ./.git -o -path ./vendor -o -path ./node_modules \)`;

/**
 * `ruby -wc` on every Ruby file, one at a time (ruby checks one program per run; ~10 ms each):
 * a syntax error fails the build naming file and line, not the test run mid-way. Warnings of
 * files that pass are dropped. Ruby can print a failing file's warnings before its error, and a
 * warning line can hold the word "error" ("lib/errors.rb:5: warning: mismatched indentations"),
 * so the first line that is no warning goes to stderr on its own first, where grade looks;
 * every failing file's output follows on stdout.
 */
export const SYNTAX_CHECK_SCRIPT = [
  `find . ${NOT_OURS} -prune -o -type f ${RUBY_SOURCES} -print | sort > /tmp/patchproof-ruby-files`,
  ': > /tmp/patchproof-syntax.log',
  'status=0',
  'while IFS= read -r f; do',
  '  f=${f#./}',
  '  case "$(head -n 1 "$f")" in',
  // `#!/usr/bin/env rake` (a common Rakefile first line): given a file whose #! line names another
  // program, ruby skips text up to a `#!…ruby` line, finds none and fails with "no Ruby script
  // found in input", though rake and bundler load the file as Ruby. Check it as Ruby: the #! line
  // becomes `#!ruby` (line numbers stay), read from stdin, and "-:" in Ruby's messages is the file.
  `    '#!'*ruby*) ruby -wc "$f" ;;`,
  `    '#!'*) sed '1s/^#!.*$/#!ruby/' "$f" | ruby -wc - ;;`,
  '    *) ruby -wc "$f" ;;',
  '  esac > /dev/null 2> /tmp/patchproof-syntax-one.log || {',
  '    status=1',
  `    awk -v f="$f" '{ if (substr($0, 1, 2) == "-:") $0 = f substr($0, 2); print }' /tmp/patchproof-syntax-one.log >> /tmp/patchproof-syntax.log`,
  '  }',
  'done < /tmp/patchproof-ruby-files',
  'if [ $status -ne 0 ]; then',
  `  grep -v -m 1 -e ': warning: ' -e '^[[:space:]]*$' /tmp/patchproof-syntax.log >&2`,
  '  cat /tmp/patchproof-syntax.log',
  'fi',
  'exit $status',
].join('\n');

/**
 * RSpec with its JSON (the source of truth), JUnit (for people) and progress (the console)
 * formatters; command-line formatters replace those a project's .rspec names. stdout still
 * streams (a run that times out keeps what it printed); stdout and stderr are also kept for
 * collect, and the exit code, which `| tee` would otherwise lose. The script's arguments (a
 * rerun's example ids, `spec/calc_spec.rb[1:2]`) go to rspec.
 */
export const RSPEC_SCRIPT = [
  ...SETUP,
  `{ rspec --format progress --format json --out ${R}/${F.rspecJson} --require rspec_junit_formatter --format RspecJunitFormatter --out ${R}/${F.rspecJunit} "$@" 2> /tmp/patchproof-rspec-stderr; echo $? > ${R}/${F.rspecExitCode}; } | tee /tmp/patchproof-rspec-stdout`,
  'cat /tmp/patchproof-rspec-stderr >&2',
  `keep /tmp/patchproof-rspec-stdout ${R}/${F.rspecStdout}`,
  `keep /tmp/patchproof-rspec-stderr ${R}/${F.rspecStderr}`,
  ...FIND_MOVED_RESULTSET,
  `exit "$(cat ${R}/${F.rspecExitCode})"`,
].join('\n');

const RAKEFILE_PRESENT = '[ -f Rakefile ] || [ -f rakefile ] || [ -f Rakefile.rb ] || [ -f rakefile.rb ]';
// What Rake::TestTask does (`ruby -w -Ilib -Itest`, require each file), for a project without a Rakefile; test_helper.rb is no test file.
const LOAD_TEST_FILES = `ruby -w -Ilib -Itest -e 'Dir.glob("test/**/{*_test,test_*}.rb").reject { |f| f.end_with?("_helper.rb") }.sort.each { |f| require File.expand_path(f) }'`;

/**
 * `rake test` when there is a Rakefile (decided at run time: the change may add or delete it),
 * else every test/**\/*_test.rb and test_*.rb loaded in one process. The sandbox plugin writes
 * one JUnit file per test process. A test file that raises while loading stops minitest before
 * it writes anything, leaving only Ruby's report on stderr; a run that loads no test file exits
 * 0 with no report. So stderr and the exit code are kept for collect.
 */
export const MINITEST_SCRIPT = [
  // A rerun's one argument: a minitest name filter, `/^(CalcTest#test_x)$/`, which minitest tests
  // against "Class#method". One word (--name=…): rake's test loader requires every argument not
  // starting with "-" as a file. Rake::TestTask hands TESTOPTS to a shell: hence the quotes, and
  // no name with a quote in it is ever rerun (ruby-rerun.ts).
  'filter=${1-}',
  `if [ -n "$filter" ]; then export TESTOPTS="--name='$filter'"; fi`,
  ...SETUP,
  `export SANDBOX_JUNIT_DIR=${R}/${F.minitestDir}`,
  `if ${RAKEFILE_PRESENT}; then set -- rake test; else set -- ${LOAD_TEST_FILES}; fi`,
  // Without rake, `--` ends ruby's own options and minitest reads the filter from ARGV.
  'if [ -n "$filter" ] && [ "$1" = ruby ]; then set -- "$@" -- "--name=$filter"; fi',
  '"$@" 2> /tmp/patchproof-minitest-stderr',
  'rc=$?',
  'cat /tmp/patchproof-minitest-stderr >&2',
  `keep /tmp/patchproof-minitest-stderr ${R}/${F.minitestStderr}`,
  `echo "$rc" > ${R}/${F.minitestExitCode}`,
  ...FIND_MOVED_RESULTSET,
  'exit "$rc"',
].join('\n');
