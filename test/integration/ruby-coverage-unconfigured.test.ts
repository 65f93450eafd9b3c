/**
 * Coverage without project configuration for Ruby, through the real pipeline and engine: the
 * RSpec and minitest fixtures with their SimpleCov lines taken out of the test helper (nothing in
 * the project starts SimpleCov any more) get SimpleCov started by patchproof, and the coverage
 * equals what SimpleCov reports when the fixture configures it (`SimpleCov.start { add_filter
 * '/spec/' }`), run for run. Also a gem the ruby image lacks (rainbow), declared in the Gemfile,
 * installed from Debian's ruby-rainbow at image build and loaded by the tests.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { minitestToolchain } from '../../src/toolchains/ruby/minitest-toolchain.js';
import { rspecToolchain } from '../../src/toolchains/ruby/rspec-toolchain.js';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';

const toolchains = [rspecToolchain, minitestToolchain];
const SIMPLECOV_START = /require 'simplecov'\nSimpleCov\.start do\n {2}add_filter '\/(spec|test)\/'\nend\n/;

/** A copy of a fixture; `unconfigured` takes the SimpleCov lines out of its helper. */
async function copy(fixture: string, helper: string, unconfigured: boolean): Promise<string> {
  const project = join(await mkdtemp(join(tmpdir(), `patchproof-${fixture}-`)), 'calc');
  await cp(fileURLToPath(new URL(`../fixtures/projects/${fixture}/`, import.meta.url)), project, { recursive: true });
  if (unconfigured) {
    const text = await readFile(join(project, helper), 'utf8');
    expect(text).toMatch(SIMPLECOV_START);
    await writeFile(join(project, helper), text.replace(SIMPLECOV_START, ''));
  }
  return project;
}

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('Ruby coverage when the project configures none', () => {
  for (const [fixture, helper, framework] of [['ruby-rspec', 'spec/spec_helper.rb', 'rspec'], ['ruby-minitest', 'test/test_helper.rb', 'minitest']] as const) {
    it(`${framework}: SimpleCov started by patchproof reports what the project's own SimpleCov.start reports`, { timeout: 600_000 }, async () => {
      const configured = await validate(await copy(fixture, helper, false), [], {}, { toolchains });
      const bare = await validate(await copy(fixture, helper, true), [], {}, { toolchains });
      expect(configured.outcome, configured.reason).toBe('executed');
      expect(bare.outcome, bare.reason).toBe('executed');
      expect(bare.framework).toBe(framework);
      expect(bare.coverage).not.toBeNull();
      expect(bare.coverage?.linesPct).not.toBeNull();
      expect(bare.coverage).toEqual(configured.coverage);
      expect(bare.coverage).toMatchObject({ linesCovered: 8, linesValid: 13 });
      expect(bare.report?.cases.length).toBe(configured.report?.cases.length);
    });
  }

  it('a gem the image lacks, named in the Gemfile, comes from Debian and the tests load it', { timeout: 600_000 }, async () => {
    const project = await copy('ruby-minitest', 'test/test_helper.rb', true);
    await writeFile(join(project, 'Gemfile'), "source 'https://rubygems.org'\n\ngem 'rake'\ngem 'rainbow', '~> 3.0'\n");
    await writeFile(join(project, 'test/rainbow_test.rb'), "require_relative 'test_helper'\nrequire 'rainbow'\n\nclass RainbowTest < Minitest::Test\n  def test_paints\n    Rainbow.enabled = true\n    assert_equal \"\\e[31mx\\e[0m\", Rainbow('x').red.to_s\n  end\nend\n");
    const result = await validate(project, [], {}, { toolchains });
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_paints:passed');
    expect(result.dependencies?.missing).toEqual([]);
    expect(result.dependencies?.installed.map((i) => [i.requirement, i.package, i.source])).toEqual([
      ['rake', 'rake', 'image'],
      ['rainbow (~> 3.0)', 'ruby-rainbow', 'debian'],
    ]);
    expect(result.coverage?.linesPct).not.toBeNull();
  });
});
