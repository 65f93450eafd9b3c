/**
 * A step's Go tests (`*_test.go` beside main.go, in its package: `main` or any other): the test
 * binary is built by `go test -c` as the run's compile step (its errors read like the runtime's),
 * then run under test2json, exactly what `go test -json` does (Debian's Go 1.19: -test.paniconexit0
 * given by hand, as `go test` gives it). The event stream is read by the validation's parser
 * (parsers/go-test-json), and its witness is test2json's exit code: test2json is a parent process,
 * not the learner's code, and exits 1 when the test binary failed, whatever the binary printed.
 *
 * What that stops: a `--- PASS` printed after a test failed (the failure stands), os.Exit(0)
 * inside a test (it fails), an early exit with failures behind it (the package fails), a test
 * that never reported (failed). What it cannot stop, as with a validation's go test: the tests run
 * in the learner's process, so code whose init() prints a whole passing stream of its own and
 * exits 0 before any test starts forges a pass (Go 1.19 frames nothing test2json reads).
 */
import { GoTestEvent } from '../../../parsers/go-test-json/go-test-event-schema.js';
import { parseGoTestJson } from '../../../parsers/go-test-json/parse-go-test-json.js';
import type { RunnerSummary } from '../../toolchains/toolchain.js';
import type { TestFramework } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';

/** The package name test2json puts on every event (the learner's package may be named anything). */
const PACKAGE = 'step';
const BINARY = '/tmp/step.test';

export const goTestFramework: TestFramework = {
  name: 'go test',
  // Without go test's vet pass: four times faster here, and the code still compiles as go test builds it.
  compile: ['go', 'test', '-c', '-vet=off', '-o', BINARY],
  command: ['go', 'tool', 'test2json', '-t', '-p', PACKAGE, BINARY, '-test.v', '-test.paniconexit0'],
  async collect(run) {
    const parsed = parseGoTestJson(run.stdout, 'go test -json', run.stderr);
    if (!parsed.ok) return judgeStepReport('go test', null, parsed.error.message, null);
    // One package, always ours: a test is named by its name alone.
    const report = { ...parsed.value, cases: parsed.value.cases.map((c) => ({ ...c, suite: '' })) };
    return judgeStepReport('go test', report, null, readGoPackageOutcome(run.stdout, run.exitCode));
  },
};

/**
 * What test2json, the parent, saw of the test binary: its exit code (test2json exits 1 when the
 * binary failed, whatever it printed; its closing event can carry the name of a test the binary
 * died in, so the code is the account), beside the test events' own counts. null when test2json
 * itself was cut short (killed at a limit).
 */
export function readGoPackageOutcome(stdout: string, exitCode: number | null): RunnerSummary | null {
  if (exitCode === null || exitCode > 128) return null;
  const results = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const event = jsonLine(line);
    if (event === null || event.Package !== PACKAGE || event.Test === undefined) continue;
    if (event.Action !== 'pass' && event.Action !== 'fail') continue;
    // A failure stands, as in the parser: a later "pass" for the same test is printed text.
    if (results.get(event.Test) !== 'fail') results.set(event.Test, event.Action);
  }
  const count = (action: string): number => [...results.values()].filter((a) => a === action).length;
  const failed = count('fail');
  return {
    line: `go tool test2json exited ${exitCode}`,
    passed: count('pass'),
    failed,
    // The binary failed with no test failing: it failed outside them (init, a crash).
    errors: exitCode !== 0 && failed === 0 ? 1 : 0,
    said: exitCode === 0 ? `the test binary exited 0 with ${count('pass')} tests passing` : 'the test binary exited with a failure',
  };
}

function jsonLine(line: string): GoTestEvent | null {
  if (!line.startsWith('{')) return null;
  try {
    const event = GoTestEvent.safeParse(JSON.parse(line));
    return event.success ? event.data : null;
  } catch {
    return null;
  }
}
