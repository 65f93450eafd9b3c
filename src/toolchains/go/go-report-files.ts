/** What the Go test script leaves under REPORT_DIR, shared by the script and the collector. */
export const GO_REPORTS = {
  /** `go test -json` on stdout: the event stream, the source of truth for results. */
  events: 'go-test.json',
  /** `go test` stderr: compiler errors of packages whose test binary did not build. */
  stderr: 'go-test-stderr.txt',
  /** `-coverprofile`, one profile for every package of the module. */
  coverprofile: 'cover.out',
  /** `go test`'s exit code, so a run that ended before any event can be told apart from "no tests". */
  exitCode: 'go-exit-code',
  /** `go list`: "<import path>\t<absolute dir>" a line, to place a package's tests in the project. */
  packages: 'go-packages.txt',
  /**
   * The image's func-extents helper on the profile: each file's function declarations, so the
   * coverage leaves out blocks outside functions as `go tool cover -func` does.
   */
  funcExtents: 'go-func-extents.txt',
  /** grep of test function declarations: "./<file>:<line>:func TestX(…". */
  testFuncs: 'go-test-funcs.txt',
} as const;
