/** Maven: a test that fails once then passes in the same sandbox is flaky; one that always fails stays failed; identities are stable. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mavenToolchain } from '../../src/toolchains/maven/maven-toolchain.js';
import { copyFixture, expectFailingStaysFailed, expectFlakyExecuted, identities, MARKER, runner } from '../support/flaky-scenario.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { docker, write } from '../support/run-validation.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/projects/maven/', import.meta.url));
const DIR = 'src/test/java/com/example/calc';
const FLAKY = write(
  `${DIR}/FlakyTest.java`,
  [
    'package com.example.calc;',
    '',
    'import static org.junit.jupiter.api.Assertions.fail;',
    '',
    'import java.io.File;',
    'import java.io.IOException;',
    'import org.junit.jupiter.api.Test;',
    '',
    'class FlakyTest {',
    '    @Test',
    '    void once() throws IOException {',
    `        File marker = new File(${JSON.stringify(MARKER)});`,
    '        if (marker.createNewFile()) fail("fails on its first run");',
    '    }',
    '}',
    '',
  ].join('\n'),
);
const FAILING = write(
  `${DIR}/AlwaysTest.java`,
  ['package com.example.calc;', '', 'import static org.junit.jupiter.api.Assertions.fail;', '', 'import org.junit.jupiter.api.Test;', '', 'class AlwaysTest {', '    @Test', '    void always() {', '        fail("fails every time");', '    }', '}', ''].join('\n'),
);

describe('flaky Maven tests', () => {
  let run: ReturnType<typeof runner>;

  beforeAll(async () => {
    run = runner(await copyFixture(FIXTURE, 'calc'), mavenToolchain);
  });

  afterEach(async () => {
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });

  it('counts a test that fails once then passes as flaky, with stable identities', async () => {
    const first = await run([FLAKY]);
    expectFlakyExecuted(first, 'com.example.calc.FlakyTest#once', 6);
    expect(identities(await run([FLAKY]))).toEqual(identities(first));
  });

  it('keeps a test that always fails failed after the reruns', async () => {
    expectFailingStaysFailed(await run([FLAKY, FAILING]), 'com.example.calc.FlakyTest#once', 'com.example.calc.AlwaysTest#always', 7);
  });
});
