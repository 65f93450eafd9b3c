# Installs what a Ruby project declares, at image build (templates/ruby/Dockerfile): the gems its
# Gemfile names (`gem` lines; `gemspec` brings in the *.gemspec's) and, without a Gemfile, the
# runtime and development dependencies its *.gemspec files name, all read as text. Gems Debian's Ruby
# already has are left alone; the others come from GEM_SOURCE with `gem install` when it is set,
# else from Debian's ruby-<name> package. Versions are Debian's: a requirement is recorded, not
# enforced. What could not be found is recorded, never fatal here: the validation names it as
# build_failed. The record is /opt/patchproof/deps/record.json.
require 'json'
require 'open3'

ROOT = '/opt/patchproof/deps/project'
RECORD = '/opt/patchproof/deps/record.json'
SOURCE = ENV.fetch('GEM_SOURCE', '')
MIRROR = ENV.fetch('APT_MIRROR', '')
# Gems Debian packages under another name.
EXCEPTIONS = { 'rake' => 'rake', 'bundler' => 'ruby-bundler', 'rspec' => 'ruby-rspec', 'nokogiri' => 'ruby-nokogiri' }.freeze

GEM_NAME = /\A[A-Za-z0-9][A-Za-z0-9._-]*\z/

# Read as text, never evaluated: this runs as root with the host's network, and a proposal may
# write the Gemfile. `gem 'name', 'req', ...` lines and a `gemspec` line are what is read.
def from_gemfile(text)
  gems = []
  text.each_line do |line|
    line = line.sub(/#.*/, '')
    if (m = line.match(/\A\s*gem[\s(]+["']([^"']+)["']((?:\s*,\s*["'][^"']*["'])*)/))
      gems << [m[1], m[2].scan(/["']([^"']*)["']/).flatten.join(', '), 'Gemfile']
    elsif line.match?(/\A\s*gemspec\b/)
      gems.concat(from_gemspecs)
    end
  end
  gems
end

# Runtime and development dependencies, read as text (a gemspec often loads lib/<gem>/version.rb, not copied here).
def from_gemspecs
  Dir.glob(File.join(ROOT, '*.gemspec')).sort.flat_map do |path|
    File.read(path).scan(/add_(?:runtime_|development_)?dependency[\s(]*["']([^"']+)["']((?:\s*,\s*["'][^"']*["'])*)/).map do |name, reqs|
      [name, reqs.scan(/["']([^"']*)["']/).flatten.join(', '), File.basename(path)]
    end
  end
end

def declared
  gemfile = File.join(ROOT, 'Gemfile')
  gems = File.exist?(gemfile) ? from_gemfile(File.read(gemfile)) : from_gemspecs
  # A name is an argument to apt-get and gem: nothing that could read as an option.
  gems.select { |g| GEM_NAME.match?(g[0]) }.uniq { |g| g[0] }
end

def have?(name)
  !Gem::Specification.find_all_by_name(name).empty?
end

def sh(*cmd)
  out, status = Open3.capture2e(*cmd)
  [status.success?, out]
end

installed = []
missing = []
wanted = []
declared.each do |name, req, file|
  text = req.empty? ? name : "#{name} (#{req})"
  if have?(name)
    installed << { requirement: text, file: file, package: name, version: Gem::Specification.find_all_by_name(name).map(&:version).max.to_s, source: 'image' }
  else
    wanted << [text, file, name]
  end
end

unless wanted.empty?
  if SOURCE.empty?
    File.write('/etc/apt/sources.list', "deb #{MIRROR} bookworm main\ndeb #{MIRROR} bookworm-updates main\n")
    system('apt-get', 'update', '-qq', exception: true)
    chosen = []
    wanted.each do |text, file, name|
      tried = [EXCEPTIONS[name], "ruby-#{name.downcase.tr('_', '-')}"].compact.uniq
      package = tried.find { |p| sh('apt-cache', 'show', p)[0] }
      if package then chosen << [text, file, package] else missing << { requirement: text, file: file, tried: tried } end
    end
    unless chosen.empty?
      system({ 'DEBIAN_FRONTEND' => 'noninteractive' }, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', *chosen.map(&:last).uniq, exception: true)
    end
    chosen.each do |text, file, package|
      installed << { requirement: text, file: file, package: package, version: sh('dpkg-query', '-W', '-f=${Version}', package)[1], source: 'debian' }
    end
    File.delete('/etc/apt/sources.list')
  else
    # Pure-Ruby gems only: the image has no compiler, so a gem with a native extension fails and is named.
    wanted.each do |text, file, name|
      ok, = sh('gem', 'install', '--no-document', '--clear-sources', '--source', SOURCE, name)
      Gem::Specification.reset
      if ok
        installed << { requirement: text, file: file, package: name, version: Gem::Specification.find_all_by_name(name).map(&:version).max.to_s, source: "gem #{SOURCE}" }
      else
        missing << { requirement: text, file: file, tried: ["gem #{SOURCE}"] }
      end
    end
  end
end
File.write(RECORD, JSON.pretty_generate({ toolchain: 'ruby', installed: installed, missing: missing }))
warn "patchproof dependencies: #{installed.size} installed, #{missing.size} not found"
