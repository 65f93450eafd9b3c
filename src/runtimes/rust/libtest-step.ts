/**
 * A step's Rust tests, with libtest (`rustc --test`; Debian's rustc 1.63 has no cargo). Each test
 * file beside main.rs (`*_test.rs`, `test_*.rs`, `tests.rs`) becomes a module of a crate root we
 * write in /tmp: main.rs is included at the root and each test file is `#[path] mod <its name>`,
 * so a test file reads like a `mod tests` of main.rs (`use super::*;` sees its private items).
 * The harness runs only the step's modules (filters fixed before the learner's code runs, so
 * tests the learner adds to main.rs are not counted) on one thread, and its console is parsed
 * purely (libtest-output.ts); its closing line and exit code are the witness.
 *
 * What that stops: a test result printed by the code (a failure stands; a line must be whole), a
 * test that exits the harness (it did not finish; libtest's closing line never comes). What it
 * cannot stop: the harness is the learner's program too, so code that writes a whole run's lines
 * and a closing line to the raw stdout, then exits 0, forges a pass; no in-process runner can
 * tell its own words from the code's. Limits: main.rs cannot hold inner attributes (`#![...]`)
 * nor declare modules of its own files (`mod util;`), as it is included, not the crate root.
 */
import type { TestFramework } from '../runtime.js';
import { CODE_DIR } from '../runtime.js';
import { judgeStepReport } from '../step-tests.js';
import { parseLibtest, readLibtestSummary } from './libtest-output.js';

const ROOT = '/tmp/step_root.rs';
const MODULES = '/tmp/step-modules';
const HARNESS = '/tmp/step-tests';

/** The crate root and the step's module names, then the harness; a test file's name must be a Rust identifier. */
const COMPILE = [
  `printf '%s\\n' '#![allow(dead_code, unused_imports)]' 'include!("${CODE_DIR}/main.rs");' > ${ROOT}`,
  `: > ${MODULES}`,
  'for f in *.rs; do',
  '  case "$f" in main.rs) continue ;; *_test.rs | test_*.rs | tests.rs) ;; *) continue ;; esac',
  '  m=${f%.rs}',
  '  case "$m" in [!A-Za-z_]* | *[!A-Za-z0-9_]* | main) echo "error: the test file $f is not named as a Rust module (letters, digits and _, not main)" >&2; exit 1 ;; esac',
  `  printf '#[path = "%s/%s"] mod %s;\\n' '${CODE_DIR}' "$f" "$m" >> ${ROOT}`,
  `  echo "$m::" >> ${MODULES}`,
  'done',
  `exec rustc --test --edition 2021 -o ${HARNESS} ${ROOT}`,
].join('\n');

export const libtestFramework: TestFramework = {
  name: 'libtest',
  compile: ['sh', '-c', COMPILE],
  // No step module: a filter nothing matches, so no test runs rather than every test.
  command: ['sh', '-c', `set -- $(cat ${MODULES}); [ $# -gt 0 ] || set -- '::no step tests::'; exec ${HARNESS} --test-threads=1 "$@"`],
  async collect(run) {
    return judgeStepReport('libtest', parseLibtest(run.stdout), null, readLibtestSummary(run.stdout, run.exitCode));
  },
};
