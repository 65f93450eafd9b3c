/**
 * Prints one plain closing line, "Tests: N passed, N failed, N skipped", that CI and people can
 * read without knowing vitest's own summary format. Unhandled errors count as failures.
 */
import type { Reporter, TestCase, TestModule } from 'vitest/node';

export default class ClosingLineReporter implements Reporter {
  private passed = 0;
  private failed = 0;
  private skipped = 0;

  onTestCaseResult(test: TestCase): void {
    const state = test.result().state;
    if (state === 'passed') this.passed++;
    else if (state === 'failed') this.failed++;
    else if (state === 'skipped') this.skipped++;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    // A file that fails to load has no test cases: count it, or a broken suite would look green.
    const brokenModules = modules.filter((m) => m.state() === 'failed' && [...m.children.allTests()].length === 0).length;
    const failed = this.failed + unhandledErrors.length + brokenModules;
    process.stdout.write(`\nTests: ${this.passed} passed, ${failed} failed, ${this.skipped} skipped\n`);
  }
}
