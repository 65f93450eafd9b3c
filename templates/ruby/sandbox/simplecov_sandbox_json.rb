# Minimal JSON formatter for SimpleCov 0.22 (Debian ships no simplecov_json_formatter), from
# docs/toolchains.md §6.2. patchproof reads its totals: SimpleCov's own counts, with `# :nocov:`
# blocks left out, which a recount of .resultset.json cannot do. It runs whenever SimpleCov
# formats a result, failing runs included; .resultset.json is the fallback for a project that
# sets formatters of its own.
require 'json'
require 'fileutils'
module SimpleCov
  module Formatter
    class SandboxJSONFormatter
      def format(result)
        files = result.files.map do |f|
          entry = {
            'filename' => f.project_filename,
            'covered_percent' => f.covered_percent,
            'lines_covered' => f.covered_lines.size,
            'lines_missed' => f.missed_lines.size,
            'missed_lines' => f.missed_lines.map(&:line_number),
            'coverage' => f.coverage_data['lines']
          }
          if SimpleCov.branch_coverage?
            entry['branches_covered'] = f.covered_branches.size
            entry['branches_total'] = f.total_branches.size
          end
          entry
        end
        out = {
          'timestamp' => result.created_at.to_i,
          'command_name' => result.command_name,
          'covered_percent' => result.covered_percent,
          'covered_lines' => result.covered_lines,
          'total_lines' => result.total_lines,
          'files' => files
        }
        out['covered_branches'] = result.covered_branches if SimpleCov.branch_coverage?
        out['total_branches'] = result.total_branches if SimpleCov.branch_coverage?
        FileUtils.mkdir_p(SimpleCov.coverage_path)
        File.write(File.join(SimpleCov.coverage_path, 'coverage.json'), JSON.pretty_generate(out))
      end
    end
  end
end
