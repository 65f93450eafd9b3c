/**
 * Recognises a Ruby project and which of its two test frameworks to run, from its files alone.
 * RSpec wins when anything names it (.rspec, spec/ with *_spec.rb files, rspec in the Gemfile);
 * otherwise a project with a Rakefile or a Gemfile is run as minitest through `rake test`. The two
 * detections exclude each other, so registry order between them does not matter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectSnapshot } from '../../project/project-snapshot.js';
import type { Detection } from '../toolchain.js';

const RAKEFILES = ['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb'];
const SPEC_FILE = /^spec\/(?:.*\/)?[^/]*_spec\.rb$/;
const TEST_FILE = /^test\/(?:.*\/)?(?:[^/]*_test|test_[^/]*)\.rb$/;
// test/test_helper.rb matches test_*.rb, and is no test file.
const HELPER = /_helper\.rb$/;
// `gem 'rspec'`, `gem "rspec-core"`, `spec.add_development_dependency 'rspec', '~> 3'`.
const NAMES_RSPEC = /(?:\bgem|_dependency)\s*\(?\s*['"]rspec(?:-core|-rails)?['"]/;
const LOCK_HAS_RSPEC = /^\s+rspec-core \(/m;

function isFile(snapshot: ProjectSnapshot, path: string): boolean {
  return snapshot.entries.get(path)?.type === 'file';
}

function fileText(snapshot: ProjectSnapshot, path: string): string {
  if (!isFile(snapshot, path)) return '';
  try {
    return readFileSync(join(snapshot.root, path), 'utf8');
  } catch {
    return '';
  }
}

function rakefile(snapshot: ProjectSnapshot): string | null {
  return RAKEFILES.find((name) => isFile(snapshot, name)) ?? null;
}

function gemspecs(snapshot: ProjectSnapshot): string[] {
  return [...snapshot.entries.values()].filter((e) => e.type === 'file' && !e.path.includes('/') && e.path.endsWith('.gemspec')).map((e) => e.path);
}

function rspecSignals(snapshot: ProjectSnapshot): string[] {
  const evidence: string[] = [];
  if (isFile(snapshot, '.rspec')) evidence.push('.rspec');
  const specs = [...snapshot.entries.values()].filter((e) => e.type === 'file' && SPEC_FILE.test(e.path));
  if (specs.length > 0) evidence.push(`spec/ holds ${specs.length} *_spec.rb file(s)`);
  if (NAMES_RSPEC.test(fileText(snapshot, 'Gemfile'))) evidence.push('Gemfile names rspec');
  else if (LOCK_HAS_RSPEC.test(fileText(snapshot, 'Gemfile.lock'))) evidence.push('Gemfile.lock has rspec-core');
  const gemspec = gemspecs(snapshot).find((path) => NAMES_RSPEC.test(fileText(snapshot, path)));
  if (gemspec !== undefined) evidence.push(`${gemspec} depends on rspec`);
  return evidence;
}

export function detectRspec(snapshot: ProjectSnapshot): Detection | null {
  const signals = rspecSignals(snapshot);
  if (signals.length === 0) return null;
  const ruby = [rakefile(snapshot), isFile(snapshot, 'Gemfile') ? 'Gemfile' : null].filter((s): s is string => s !== null);
  return { evidence: [...ruby, ...signals, 'runs rspec'] };
}

export function detectMinitest(snapshot: ProjectSnapshot): Detection | null {
  const rake = rakefile(snapshot);
  const gemfile = isFile(snapshot, 'Gemfile');
  if ((rake === null && !gemfile) || rspecSignals(snapshot).length > 0) return null;
  const evidence: string[] = [];
  if (rake !== null) evidence.push(rake);
  if (gemfile) evidence.push('Gemfile');
  const tests = [...snapshot.entries.values()].filter((e) => e.type === 'file' && TEST_FILE.test(e.path) && !HELPER.test(e.path));
  if (tests.length > 0) evidence.push(`test/ holds ${tests.length} *_test.rb or test_*.rb file(s)`);
  evidence.push(rake !== null ? 'no RSpec signal: runs minitest through rake test' : 'no RSpec signal and no Rakefile: runs minitest on test/**/*_test.rb');
  return { evidence };
}
