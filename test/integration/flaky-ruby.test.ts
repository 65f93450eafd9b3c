/** RSpec and minitest: a test that fails once then passes in the same sandbox is flaky; one that always fails stays failed; identities are stable. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { minitestToolchain } from '../../src/toolchains/ruby/minitest-toolchain.js';
import { rspecToolchain } from '../../src/toolchains/ruby/rspec-toolchain.js';
import { copyFixture, expectFailingStaysFailed, expectFlakyExecuted, identities, MARKER, runner } from '../support/flaky-scenario.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, write } from '../support/run-validation.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/projects/${name}/`, import.meta.url));
const once = (fail: string) => [`unless File.exist?(${JSON.stringify(MARKER)})`, `  File.write(${JSON.stringify(MARKER)}, 'x')`, `  ${fail}`, 'end'];

describe('flaky RSpec examples', () => {
  let run: ReturnType<typeof runner>;
  const FLAKY = write('spec/flaky_spec.rb', ["RSpec.describe 'sometimes' do", "  it 'passes the second time' do", ...once("raise 'fails on its first run'").map((l) => `    ${l}`), '  end', 'end', ''].join('\n'));
  const FAILING = write('spec/always_spec.rb', ["RSpec.describe 'never' do", "  it 'fails every time' do", '    expect(1).to eq(2)', '  end', 'end', ''].join('\n'));
  const FLAKY_ID = 'spec/flaky_spec.rb[1:1] sometimes passes the second time';

  beforeAll(async () => {
    run = runner(await copyFixture(fixture('ruby-rspec'), 'calc'), rspecToolchain);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts an example that fails once then passes as flaky, with stable identities', async () => {
    const first = await run([FLAKY]);
    expectFlakyExecuted(first, FLAKY_ID, 4);
    expect(identities(await run([FLAKY]))).toEqual(identities(first));
  });

  it('keeps an example that always fails failed after the reruns', async () => {
    expectFailingStaysFailed(await run([FLAKY, FAILING]), FLAKY_ID, 'spec/always_spec.rb[1:1] never fails every time', 5);
  });
});

describe('flaky minitest tests', () => {
  let run: ReturnType<typeof runner>;
  const FLAKY = write('test/flaky_test.rb', ["require 'test_helper'", '', 'class FlakyTest < Minitest::Test', '  def test_once', ...once("flunk 'fails on its first run'").map((l) => `    ${l}`), '  end', 'end', ''].join('\n'));
  const FAILING = write('test/always_test.rb', ["require 'test_helper'", '', 'class AlwaysTest < Minitest::Test', '  def test_always', "    flunk 'fails every time'", '  end', 'end', ''].join('\n'));

  beforeAll(async () => {
    run = runner(await copyFixture(fixture('ruby-minitest'), 'calc'), minitestToolchain);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts a test that fails once then passes as flaky, with stable identities', async () => {
    const first = await run([FLAKY]);
    expectFlakyExecuted(first, 'FlakyTest#test_once', 4);
    expect(identities(await run([FLAKY]))).toEqual(identities(first));
  });

  it('keeps a test that always fails failed after the reruns', async () => {
    expectFailingStaysFailed(await run([FLAKY, FAILING]), 'FlakyTest#test_once', 'AlwaysTest#test_always', 5);
  });
});
