/**
 * `go test` with Go 1.23 from bookworm-backports (docs/toolchains.md §5), offline: GOPROXY=off,
 * so a module builds from the standard library and its vendor/ folder only.
 * Build: `go build ./...` then `go vet -atomic ./...` (type-checks tests too), so a change that
 * does not compile fails as "build failed: <file:line:col: error: …>" before any test runs.
 * Reports: the `go test -json` event stream and a statement coverage profile.
 *
 * The witness is the stream itself as it came: gotestsum reads it through a pipe while go test
 * writes it, so a test that rewrites the stream's file afterwards (a TestMain after m.Run, every
 * "fail" made a "pass") is caught by gotestsum's closing line (go-summary.ts). Beyond that go test
 * has no account of the run apart from the stream: the go command only relays what the test
 * binary prints (test2json) and judges the package by the binary's exit code, and the tests run
 * inside that binary. So: a test's fail event is final
 * (a framed "--- PASS" printed after it is not believed, parsers/go-test-json), os.Exit(0) inside a
 * test fails it (go test's -test.paniconexit0), and TestMain's os.Exit(0) after failing tests still
 * leaves their fail events. What remains: a TestMain (or init) that swaps os.Stdout before m.Run
 * and prints a whole stream of its own, then exits 0, forges a pass; TestMain is a test-support
 * file, listed in the result and refused under --protect-tests.
 */
import { goManifests } from '../../images/manifest-files.js';
import { goLineCoverage } from '../line-coverage-readers.js';
import type { CollectedReports, Toolchain } from '../toolchain.js';
import { collectGoReports } from './collect-go-reports.js';
import { detectGo } from './detect-go.js';
import { buildScript, rerunScript, testScript } from './go-scripts.js';
import { goRerunArgs } from './go-rerun.js';
import { shWithArgs } from '../rerun-ids.js';
import { goTestPaths } from './go-test-paths.js';
import { readGotestsumSummary } from './go-summary.js';

export const goToolchain: Toolchain = {
  name: 'go',
  template: 'go',
  dependencyManifests: goManifests,
  testPaths: goTestPaths,
  detect: detectGo,

  buildCommand(): readonly string[] {
    return ['sh', '-c', buildScript()];
  },

  testCommand(): readonly string[] {
    return ['sh', '-c', testScript()];
  },

  rerunCommand(_context, ids): readonly string[] | null {
    const args = goRerunArgs(ids);
    return args === null ? null : shWithArgs(rerunScript(), args);
  },

  async collect(files: ReadonlyMap<string, Buffer>): Promise<CollectedReports> {
    return { ...collectGoReports(files), lineCoverage: goLineCoverage(files) };
  },

  witness: (run) => readGotestsumSummary(run.stdout),

  explainMissingReport(exitCode: number | null): string {
    if (exitCode !== null && exitCode > 128) return `the test run was killed before go test wrote its results (exit code ${exitCode})`;
    return `go test wrote no event stream (exit code ${exitCode ?? 'unknown'}); see the test output`;
  },
};
