/**
 * pytest writes failures that are not tests as fake `<testcase>` elements
 * (pytest `junitxml.py`, same in 7.2 and 9):
 * - a test module that fails to import: `classname="" name="tests.test_broken"` with
 *   `<error message="collection failure">` and the traceback as body;
 * - a crash in pytest or a plugin: `classname="pytest" name="internal"` with
 *   `<error message="internal error">`.
 * Counting them as tests would turn "the suite could not even load" into "one test errored".
 */
import type { RunLevelError } from '../report.js';
import { clipMessage, firstNonEmptyLine, outcomeAttributes, outcomeBody } from './outcome-message.js';
import type { OutcomeElement } from './junit-schema.js';

const COLLECTION_FAILURE = 'collection failure';
const INTERNAL_ERROR = 'internal error';

// The line that names what was raised: "ModuleNotFoundError: No module named 'x'", "SyntaxError: …".
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)\b/;
// pytest marks the explanation lines of a traceback with a leading "E".
const E_LINE = /^E\s{2,}|^E$/;

/**
 * What went wrong, in one line. pytest's `E   ` lines are the explanation; among them (or among
 * all lines for a plain Python traceback, as in an internal error) the last exception line is
 * what was finally raised. A SyntaxError has `E     File "…", line 1` before it, which is why
 * the first E line is not enough.
 */
export function usefulErrorLine(body: string): string | null {
  const lines = body.split(/\r?\n/);
  const explained = lines.filter((line) => E_LINE.test(line)).map((line) => line.replace(/^E\s*/, '').trim());
  const candidates = explained.length > 0 ? explained : lines.map((line) => line.trim());
  const raised = candidates.filter((line) => EXCEPTION_LINE.test(line)).at(-1);
  if (raised !== undefined) return clipMessage(raised);
  const first = firstNonEmptyLine(candidates.join('\n')) ?? firstNonEmptyLine(body);
  return first === null ? null : clipMessage(first);
}

/**
 * pytest mangles the node id "tests/test_broken.py" into name "tests.test_broken"; undo it.
 * A class that fails to collect keeps its module in classname: "tests/test_x.py::TestFoo".
 * (A dotted directory name cannot be told apart from a package; pytest leaves no trace of it.)
 */
function collectedPath(classname: string, name: string): string {
  const toPath = (dotted: string): string => `${dotted.split('.').join('/')}.py`;
  return classname === '' ? toPath(name) : `${toPath(classname)}::${name}`;
}

export interface FakeTestCase {
  readonly classname: string;
  readonly name: string;
  readonly errors: readonly OutcomeElement[];
}

/** The run-level error a pytest pseudo test case stands for, or null for a real test case. */
export function pytestRunError(testcase: FakeTestCase): RunLevelError | null {
  const error = testcase.errors[0];
  if (error === undefined) return null;
  const message = outcomeAttributes(error)['message'];
  const explanation = usefulErrorLine(outcomeBody(error));
  if (message === COLLECTION_FAILURE) {
    return {
      kind: 'collection',
      where: collectedPath(testcase.classname, testcase.name),
      message: explanation ?? COLLECTION_FAILURE,
    };
  }
  if (message === INTERNAL_ERROR && testcase.classname === 'pytest' && testcase.name === 'internal') {
    return { kind: 'internal', where: 'pytest', message: explanation ?? INTERNAL_ERROR };
  }
  return null;
}
