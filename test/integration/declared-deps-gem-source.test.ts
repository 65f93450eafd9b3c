/**
 * PATCHPROOF_GEM_SOURCE: a Ruby project's gem installed at image build with `gem install` from a
 * gem source instead of Debian. The source is a real rubygems index (built by `gem build` and
 * `gem generate_index` in the ruby image, from a gem made here) served on loopback (image builds
 * use the host's network); the project's tests load the gem. A gem the source lacks is
 * build_failed naming the source.
 */
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minitestToolchain } from '../../src/toolchains/ruby/minitest-toolchain.js';
import { docker, validate } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { writeProject } from '../support/write-project.js';

const toolchains = [minitestToolchain];
const TEST = "require 'minitest/autorun'\nrequire 'shout_pp'\n\nclass ShoutTest < Minitest::Test\n  def test_shout\n    assert_equal 'HI!', shout('hi')\n  end\nend\n";
const project = (gemfile: string) => writeProject('shouter', { Gemfile: gemfile, 'test/shout_test.rb': TEST });

afterEach(async () => {
  expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
});

describe('declared Ruby dependencies from a gem source', () => {
  let server: Server;
  let source: string;
  let index: string;
  const asked: string[] = [];

  beforeAll(async () => {
    // The ruby image, as a project with nothing to install builds it (shared with the other Ruby tests).
    const plain = await validate(await project("gem 'rake'\n"), [], {}, { toolchains });
    expect(plain.image).not.toBeNull();
    index = await mkdtemp(join(tmpdir(), 'patchproof-gems-'));
    await chmod(index, 0o777);
    const script = join(index, 'make.sh');
    await writeFile(script, [
      'set -e; mkdir -p /tmp/g/lib && cd /tmp/g',
      `printf '%s\\n' 'def shout(s) = "#{s.upcase}!"' > lib/shout_pp.rb`,
      `printf '%s\\n' 'Gem::Specification.new { |s| s.name = "shout_pp"; s.version = "0.1.0"; s.summary = "t"; s.authors = ["t"]; s.files = ["lib/shout_pp.rb"] }' > shout_pp.gemspec`,
      'gem build shout_pp.gemspec > /dev/null && mkdir -p /out/gems && cp shout_pp-0.1.0.gem /out/gems/ && gem generate_index -d /out > /dev/null',
    ].join('\n'));
    execFileSync('docker', ['run', '--rm', '--network', 'none', '--user', '1000:1000', '--label', 'patchproof.test=gem-index', '-v', `${index}:/out`, plain.image ?? '', 'sh', '/out/make.sh']);
    server = createServer((req, res) => {
      asked.push(req.url ?? '');
      const path = normalize(join(index, (req.url ?? '/').split('?')[0] ?? '/'));
      if (!path.startsWith(`${index}/`)) return void res.writeHead(404).end();
      readFile(path).then((body) => res.writeHead(200).end(body), () => res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('installs the gem from the source, the tests load it, and a gem the source lacks is named', { timeout: 900_000 }, async () => {
    const sources = { pipIndexUrl: null, gemSource: source, goProxy: null };
    const result = await validate(await project("source 'https://rubygems.org'\n\ngem 'shout_pp', '~> 0.1'\n"), [], { dependencySources: sources }, { toolchains });
    expect(asked).toContain('/gems/shout_pp-0.1.0.gem');
    expect(result.outcome, result.reason).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toEqual(['test_shout:passed']);
    expect(result.dependencies?.installed).toEqual([{ requirement: 'shout_pp (~> 0.1)', file: 'Gemfile', package: 'shout_pp', version: '0.1.0', source: `gem ${source}` }]);

    const lacking = await validate(await project("gem 'shout_pp'\ngem 'patchproof_absent_gem'\n"), [], { dependencySources: sources }, { toolchains });
    expect(lacking.code).toBe('build_failed');
    expect(lacking.reason).toBe(`build failed: declared dependency not found: patchproof_absent_gem (Gemfile; tried gem ${source})`);
  });
});
