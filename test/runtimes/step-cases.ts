/**
 * One step suite per framework of the compiled and other scripted runtimes, with code that passes
 * it and code that fails one test: shared by the frameworks' test (step-frameworks.test.ts) and
 * the attack on them (test/security/run-forged-step-pass.test.ts).
 */
import type { RuntimeName } from '../../src/runtime-names.js';

export interface StepCase {
  readonly language: RuntimeName;
  readonly framework: string;
  readonly tests: readonly { filepath: string; content: string }[];
  readonly right: string;
  readonly wrong: string;
  /** The tests' ids as the result names them. */
  readonly ids: readonly string[];
  readonly failing: string;
  readonly message: string;
}

export const STEP_CASES: readonly StepCase[] = [
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
  {
    language: 'php',
    framework: 'phpunit',
    tests: [{ filepath: 'MainTest.php', content: "<?php\nuse PHPUnit\\Framework\\TestCase;\n\nrequire_once __DIR__ . '/main.php';\n\nfinal class MainTest extends TestCase\n{\n    public function testSmall(): void\n    {\n        $this->assertSame(3, add(1, 2));\n    }\n\n    public function testNegative(): void\n    {\n        $this->assertSame(-3, add(-1, -2), 'add(-1, -2)');\n    }\n}\n" }],
    right: '<?php\nfunction add(int $a, int $b): int\n{\n    return $a + $b;\n}\n',
    wrong: '<?php\nfunction add(int $a, int $b): int\n{\n    return $a < 0 ? -$a + $b : $a + $b;\n}\n',
    ids: ['MainTest::testNegative', 'MainTest::testSmall'],
    failing: 'MainTest::testNegative',
    message: 'Failed asserting that -1 is identical to -3.',
  },
  {
    language: 'bash',
    framework: 'bats',
    tests: [{ filepath: 'main.bats', content: 'setup() {\n  source "$BATS_TEST_DIRNAME/main.sh"\n}\n\n@test "small" {\n  [ "$(add 1 2)" -eq 3 ]\n}\n\n@test "negative" {\n  result="$(add -1 -2)"\n  [ "$result" -eq -3 ]\n}\n' }],
    right: 'add() {\n  echo $(( $1 + $2 ))\n}\n',
    wrong: 'add() {\n  if [ "$1" -lt 0 ]; then echo $(( -$1 + $2 )); else echo $(( $1 + $2 )); fi\n}\n',
    ids: ['negative', 'small'],
    failing: 'negative',
    message: '`[ "$result" -eq -3 ]\' failed',
  },
];
