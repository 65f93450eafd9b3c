/**
 * The step test frameworks of the compiled and other scripted runtimes (pytest and node:test:
 * step-tests.test.ts): for each, one suite against right code (every test passes, per test) and
 * against wrong code (the failing test named with its message), through the run use case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { RunCompletedView } from '../../src/app/views/run-code-view.js';
import type { RuntimeName } from '../../src/runtime-names.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';

interface Case {
  readonly language: RuntimeName;
  readonly framework: string;
  readonly tests: readonly { filepath: string; content: string }[];
  readonly right: string;
  readonly wrong: string;
  /** The tests' ids as the result names them, in its order. */
  readonly ids: readonly string[];
  readonly failing: string;
  readonly message: string;
}

export const STEP_CASES: readonly Case[] = [
  {
    language: 'go',
    framework: 'go test',
    tests: [{ filepath: 'main_test.go', content: 'package main\n\nimport "testing"\n\nfunc TestSmall(t *testing.T) {\n\tif Add(1, 2) != 3 {\n\t\tt.Fatal("Add(1, 2) != 3")\n\t}\n}\n\nfunc TestNegative(t *testing.T) {\n\tif got := Add(-1, -2); got != -3 {\n\t\tt.Errorf("Add(-1, -2) = %d, want -3", got)\n\t}\n}\n' }],
    right: 'package main\n\nfunc Add(a, b int) int { return a + b }\n\nfunc main() {}\n',
    wrong: 'package main\n\nfunc Add(a, b int) int {\n\tif a < 0 {\n\t\treturn -a + b\n\t}\n\treturn a + b\n}\n\nfunc main() {}\n',
    ids: ['TestSmall', 'TestNegative'],
    failing: 'TestNegative',
    message: 'Add(-1, -2) = -1, want -3',
  },
  {
    language: 'ruby',
    framework: 'minitest',
    tests: [{ filepath: 'main_test.rb', content: "require_relative 'main'\n\nclass AddTest < Minitest::Test\n  def test_small\n    assert_equal 3, add(1, 2)\n  end\n\n  def test_negative\n    assert_equal(-3, add(-1, -2))\n  end\nend\n" }],
    right: 'def add(a, b) = a + b\n',
    wrong: 'def add(a, b)\n  a < 0 ? -a + b : a + b\nend\n',
    ids: ['AddTest#test_negative', 'AddTest#test_small'],
    failing: 'AddTest#test_negative',
    message: 'Expected: -3',
  },
  {
    language: 'rust',
    framework: 'libtest',
    tests: [{ filepath: 'main_test.rs', content: 'use super::*;\n\n#[test]\nfn small() {\n    assert_eq!(add(1, 2), 3);\n}\n\n#[test]\nfn negative() {\n    assert_eq!(add(-1, -2), -3, "add(-1, -2)");\n}\n' }],
    right: 'fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n\nfn main() {\n    println!("{}", add(1, 2));\n}\n',
    wrong: 'fn add(a: i32, b: i32) -> i32 {\n    if a < 0 { -a + b } else { a + b }\n}\n\nfn main() {}\n',
    ids: ['main_test::negative', 'main_test::small'],
    failing: 'main_test::negative',
    message: 'add(-1, -2)',
  },
  {
    language: 'java',
    framework: 'junit',
    tests: [{ filepath: 'MainTest.java', content: 'import static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass MainTest {\n    @Test\n    void small() { assertEquals(3, Main.add(1, 2)); }\n\n    @Test\n    void negative() { assertEquals(-3, Main.add(-1, -2), "add(-1, -2)"); }\n}\n' }],
    right: 'public class Main {\n    static int add(int a, int b) { return a + b; }\n\n    public static void main(String[] args) { System.out.println(add(1, 2)); }\n}\n',
    wrong: 'public class Main {\n    static int add(int a, int b) { return a < 0 ? -a + b : a + b; }\n\n    public static void main(String[] args) {}\n}\n',
    ids: ['MainTest::negative()', 'MainTest::small()'],
    failing: 'MainTest::negative()',
    message: 'expected: <-3> but was: <-1>',
  },
];

function ids(view: RunCompletedView): string[] {
  return (view.tests?.tests ?? []).map((t) => t.id);
}

describe('step test frameworks', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext();
    await ensureImages(ctx, STEP_CASES.map((c) => c.language));
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  for (const c of STEP_CASES) {
    it(`${c.language} with ${c.framework}: right code passes every test, wrong code fails the one it breaks`, async () => {
      const tests = { framework: c.framework, files: [...c.tests] };
      const good = await run(ctx, { language: c.language, code: c.right, tests });
      expect(good.tests, JSON.stringify(good)).toMatchObject({ framework: c.framework, passedAll: true, total: c.ids.length, passed: c.ids.length, failed: 0, problem: null });
      expect(ids(good).sort()).toEqual([...c.ids].sort());

      const bad = await run(ctx, { language: c.language, code: c.wrong, tests });
      expect(bad.tests, JSON.stringify(bad)).toMatchObject({ passedAll: false, total: c.ids.length, passed: c.ids.length - 1, failed: 1 });
      const failed = bad.tests?.tests.find((t) => t.status === 'failed');
      expect(failed?.id).toBe(c.failing);
      expect(failed?.message).toContain(c.message);
    }, RUN_MS);
  }

  it('a test file that does not compile is the compile step\'s error, mapped to its line', async () => {
    const view = await run(ctx, { language: 'go', code: STEP_CASES[0]?.right ?? '', tests: { framework: 'go test', files: [{ filepath: 'main_test.go', content: 'package main\n\nimport "testing"\n\nfunc TestX(t *testing.T) { Sub(1, 2) }\n' }] } });
    expect(view.tests).toBeNull();
    expect(view.error).toMatchObject({ phase: 'compile', file: 'main_test.go', line: 5 });
  }, RUN_MS);

  it('names the frameworks a runtime offers when asked for another', async () => {
    await expect(run(ctx, { language: 'go', code: 'package main\n', tests: { framework: 'gotestsum', files: [] } })).rejects.toMatchObject({ field: 'tests.framework', message: expect.stringContaining('it offers go test') });
  });
});
