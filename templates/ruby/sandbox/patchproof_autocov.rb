# Loaded through RUBYOPT (-rpatchproof_autocov) by the test scripts when nothing in the project
# mentions SimpleCov (src/toolchains/ruby/ruby-scripts.ts): coverage is part of every verdict,
# as pytest gets --cov. It starts SimpleCov before any project code loads, with ~/.simplecov's
# settings (report folder, branches, JSON formatter) and the test_frameworks profile, so test
# files are not counted: the figures are the ones `SimpleCov.start { add_filter '/spec/' }` gives.
# Rake only launches the test process (Rake::TestTask) and loads no project code worth counting:
# it is left alone, so its exit does not write a second, emptier result.
unless File.basename($PROGRAM_NAME) == 'rake'
  require 'simplecov'
  SimpleCov.start 'test_frameworks'
end
