# Copied to $HOME/.simplecov by the test command: simplecov 0.22 loads ~/.simplecov when it is
# required (simplecov/load_global_config.rb), before the project's own SimpleCov.start, so the
# project's settings still win. Results go under the report folder, away from any coverage/
# the project keeps; branch coverage is measured when the project does not say otherwise.
# No HTML report: its ~40 asset files would be downloaded after every run for nobody.
require '/opt/patchproof/ruby/simplecov_sandbox_json'
SimpleCov.coverage_dir '.patchproof/reports/coverage'
SimpleCov.enable_coverage :branch
SimpleCov.formatter = SimpleCov::Formatter::SandboxJSONFormatter
# One .resultset.json entry per test process: `rake test` runs a process per Rake::TestTask, all
# guessed "Unit Tests", and each would replace the one before; with their own names SimpleCov
# merges them (fresh container, so nothing older is merged in). A project's command_name wins.
SimpleCov.command_name "#{SimpleCov.command_name} (pid #{Process.pid})"
