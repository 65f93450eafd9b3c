/**
 * The shell scripts the Go toolchain runs in the sandbox (cwd /workspace), against the go image
 * (templates/go/Dockerfile; docs/toolchains.md §5). Both start by making the image's warm build
 * cache writable: Go writes to GOCACHE even on hits, and the image's copy is read-only.
 */
import { REPORT_DIR, WORKSPACE } from '../toolchain.js';
import { GO_REPORTS } from './go-report-files.js';

const BUILD_LOG = '/tmp/patchproof-go-build.log';
/** Where templates/go/deps/resolve.sh leaves a project's dependencies. */
const GO_DEPS = '/opt/patchproof/deps';
/** Built by templates/go/Dockerfile from templates/go/func-extents. */
export const FUNC_EXTENTS = '/usr/local/bin/patchproof-go-func-extents';

/**
 * The environment every step shares. GOCACHE=/tmp/go-cache comes from the image. No module proxy
 * is reachable (GOPROXY=off): a vendor/ folder is used when the project has one, else -mod=mod
 * lets go tidy go.mod for a standard-library-only module instead of refusing an untidy one.
 */
const PRELUDE = [
  '[ -d "$GOCACHE" ] || cp -a /opt/go-cache "$GOCACHE"',
  'if [ -f vendor/modules.txt ]; then export GOFLAGS=-mod=vendor; else export GOFLAGS=-mod=mod; fi',
  // Declared dependencies as the image build left them (templates/go/deps/resolve.sh): a module
  // cache from a proxy, served as a file:// proxy so go.sum is checked; or Debian's sources named
  // by a go.work of replacements (workspace mode refuses -mod=mod). Not over a vendor/ folder.
  `if [ ! -f vendor/modules.txt ] && [ -d ${GO_DEPS}/gomodcache/cache/download ]; then export GOPROXY=file://${GO_DEPS}/gomodcache/cache/download; fi`,
  `if [ ! -f vendor/modules.txt ] && [ -f ${GO_DEPS}/go.work ]; then export GOWORK=${GO_DEPS}/go.work GOFLAGS=; fi`,
];

// "vet: calc/calc_test.go:9:19: cannot use …" or "./main.go:3:2: undefined: x"
//   → "calc/calc_test.go:9:19: error: cannot use …": grade names the first line saying "error".
const FIRST_COMPILER_ERROR = String.raw`sed -n -E 's#^(vet: )?(\./)?([^ ]+\.go):([0-9]+(:[0-9]+)?): (.*)$#\3:\4: error: \6#p'`;

/**
 * Compiles every package (`go build`), then type-checks every package with its tests (`go vet`
 * with only its -atomic check, which `go test` runs too: vet's other checks are opinions a
 * project may not share, not build failures). On failure the first compiler error goes to stderr
 * on its own line; the whole log follows on stdout.
 */
export function buildScript(): string {
  return [
    ...PRELUDE,
    `{ go build ./... && go vet -atomic ./...; } > ${BUILD_LOG} 2>&1; rc=$?`,
    'if [ $rc -ne 0 ]; then',
    `  first=$(${FIRST_COMPILER_ERROR} ${BUILD_LOG} | head -n 1)`,
    // Not a compiler error (a go.mod the toolchain refuses, a missing module): go's own first line.
    `  [ -n "$first" ] || first=$(grep -v -e '^#' -e '^$' ${BUILD_LOG} | head -n 1)`,
    `  printf '%s\\n' "$first" >&2`,
    'fi',
    `cat ${BUILD_LOG}`,
    'exit $rc',
  ].join('\n');
}

/**
 * Runs every package's tests as a JSON event stream with a statement coverage profile, then lists
 * where packages and test functions live (to name each test's file) and where the profiled
 * files' functions lie (to count coverage as `go tool cover -func` does), and exits with `go
 * test`'s code. gotestsum prints its readable summary of the stream as it comes (the witness). Test output stays in the stream, out of
 * the sandbox's output limit.
 */
export function testScript(): string {
  const r = `${WORKSPACE}/${REPORT_DIR}`;
  const f = GO_REPORTS;
  const notOurs = `-path ./${REPORT_DIR.split('/')[0] ?? REPORT_DIR} -prune -o -path ./vendor -prune -o`;
  return [
    ...PRELUDE,
    `mkdir -p ${r}`,
    // The stream goes to its file and, through a pipe, to gotestsum, whose summary is the witness
    // (go-summary.ts): a test can rewrite the file, not what went through the pipe. go test's exit
    // code comes back on fd 4; neither fd 3 nor 4 is left open for go test and its test binaries.
    'exec 3>&1',
    `rc=$({ { go test -json -count=1 -covermode=atomic -coverprofile=${r}/${f.coverprofile} ./... 2> ${r}/${f.stderr} 3>&- 4>&-; echo $? >&4; } | tee ${r}/${f.events} | gotestsum --format pkgname --raw-command -- cat >&3; } 4>&1)`,
    'exec 3>&-',
    `echo $rc > ${r}/${f.exitCode}`,
    `go list -e -f '{{.ImportPath}}{{"\\t"}}{{.Dir}}' ./... > ${r}/${f.packages} 2> /dev/null`,
    `if [ -s ${r}/${f.coverprofile} ]; then ${FUNC_EXTENTS} ${r}/${f.coverprofile} ${r}/${f.packages} > ${r}/${f.funcExtents} 2> /dev/null; fi`,
    `find . ${notOurs} -type f -name '*_test.go' -exec grep -H -n -E '^func (Test|Fuzz|Example)[^(]*\\(' {} + > ${r}/${f.testFuncs}`,
    `cat ${r}/${f.stderr} >&2`,
    'exit $rc',
  ].join('\n');
}

/**
 * Some tests again: the first argument is a -run pattern over top-level test names, the rest the
 * packages' import paths. The same event stream, stderr and exit code as testScript; no coverage
 * (the first run's stands) and no file listings (identities need none).
 */
export function rerunScript(): string {
  const r = `${WORKSPACE}/${REPORT_DIR}`;
  const f = GO_REPORTS;
  return [
    ...PRELUDE,
    `mkdir -p ${r}`,
    'pattern=$1',
    'shift',
    `go test -json -count=1 -run "$pattern" "$@" > ${r}/${f.events} 2> ${r}/${f.stderr}; rc=$?`,
    `echo $rc > ${r}/${f.exitCode}`,
    `cat ${r}/${f.stderr} >&2`,
    'exit $rc',
  ].join('\n');
}
