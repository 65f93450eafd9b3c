/**
 * rspec's and minitest's tests and test support. Both run through rake, so the Rakefile,
 * rakelib/ and *.rake files are support for both, and so is .simplecov (loaded with the tests).
 * rspec: tests are *_spec.rb under spec/; everything else under spec/ (spec_helper.rb,
 * rails_helper.rb, support/, factories) and .rspec/.rspec-local are support. minitest: tests are
 * *_test.rb and test_*.rb; test_helper.rb, the rest of test/, and minitest plugins
 * (minitest/*_plugin.rb, which minitest loads from the load path, lib/ included) are support.
 */
import { baseName } from '../config-parts.js';
import type { TestFileRole, TestPaths, TouchedFile } from '../toolchain.js';

const RAKEFILES = new Set(['Rakefile', 'rakefile', 'Rakefile.rb', 'rakefile.rb']);

function rakeSupport(path: string): boolean {
  const name = baseName(path);
  return (RAKEFILES.has(name) && !path.includes('/')) || /^rakelib\//.test(path) || name.endsWith('.rake') || name === '.simplecov';
}

function rspecRole(file: TouchedFile): TestFileRole | null {
  if (rakeSupport(file.path) || file.path === '.rspec' || file.path === '.rspec-local') return 'support';
  if (!/^spec\//.test(file.path)) return null;
  return file.path.endsWith('_spec.rb') ? 'test' : 'support';
}

function minitestRole(file: TouchedFile): TestFileRole | null {
  const name = baseName(file.path);
  if (rakeSupport(file.path) || name === 'test_helper.rb' || /(^|\/)minitest\/[^/]*_plugin\.rb$/.test(file.path)) return 'support';
  if (/^(test_[^/]*|[^/]*_test)\.rb$/.test(name)) return 'test';
  return /^test\//.test(file.path) ? 'support' : null;
}

export const rspecTestPaths: TestPaths = { roleOf: rspecRole };
export const minitestTestPaths: TestPaths = { roleOf: minitestRole };
