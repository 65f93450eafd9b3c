# Sandbox-provided Minitest plugin (not part of the project under test), from shared
# docs/toolchains.md §6.2. Minitest.load_plugins finds minitest/*_plugin.rb via Gem.find_files, which
# also scans $LOAD_PATH, so putting the parent dir on RUBYLIB is enough. Active only when
# SANDBOX_JUNIT_DIR is set. (Debian's ruby-minitest-reporters 1.0.19 predates Minitest::Result
# and reports every test with classname="Minitest::Result", so this small reporter is used.)
# One file per test process, junit-<pid>.xml: a `rake test` made of several Rake::TestTasks runs
# one process per task, and each would overwrite a single shared file.
require 'minitest'

module Minitest
  class SandboxJUnitReporter < StatisticsReporter
    def initialize(path)
      super($stdout, {})
      @path = path
      @all = []  # NB: not @results, StatisticsReporter uses that for non-passing results (drives passed?)
    end

    def record(result)
      super
      @all << result
    end

    def report
      super
      require 'cgi'
      require 'fileutils'
      esc = ->(s) { CGI.escapeHTML(s.to_s) }
      xml = +%(<?xml version="1.0" encoding="UTF-8"?>\n)
      xml << %(<testsuites tests="#{count}" failures="#{failures}" errors="#{errors}" skipped="#{skips}" time="#{format('%.6f', total_time)}">\n)
      @all.group_by(&:klass).each do |klass, rs|
        f = rs.count { |r| r.failure && !r.skipped? && !r.error? }
        e = rs.count(&:error?)
        s = rs.count(&:skipped?)
        t = rs.sum(&:time)
        xml << %(  <testsuite name="#{esc[klass]}" tests="#{rs.size}" failures="#{f}" errors="#{e}" skipped="#{s}" time="#{format('%.6f', t)}">\n)
        rs.each do |r|
          file, line = r.source_location
          xml << %(    <testcase classname="#{esc[klass]}" name="#{esc[r.name]}" file="#{esc[file]}" line="#{line}" assertions="#{r.assertions}" time="#{format('%.6f', r.time)}")
          if r.passed?
            xml << "/>\n"
            next
          end
          xml << ">\n"
          fl = r.failure
          if r.skipped?
            xml << %(      <skipped message="#{esc[fl.message]}"/>\n)
          else
            tag = r.error? ? 'error' : 'failure'
            exc = fl.respond_to?(:error) ? fl.error : fl
            bt = Minitest.filter_backtrace(exc.backtrace || []).join("\n")
            # An unexpected exception is named by its class, as minitest's console names it.
            message = r.error? ? "#{exc.class}: #{exc.message}" : exc.message
            xml << %(      <#{tag} type="#{esc[exc.class]}" message="#{esc[message]}">#{esc["#{exc.class}: #{exc.message}\n#{bt}"]}</#{tag}>\n)
          end
          xml << "    </testcase>\n"
        end
        xml << "  </testsuite>\n"
      end
      xml << "</testsuites>\n"
      FileUtils.mkdir_p(File.dirname(@path))
      File.write(@path, xml)
    end
  end

  def self.plugin_sandbox_junit_init(_options)
    dir = ENV['SANDBOX_JUNIT_DIR']
    return if dir.nil? || dir.empty?
    reporter << SandboxJUnitReporter.new(File.expand_path("junit-#{Process.pid}.xml", dir))
  end
end
