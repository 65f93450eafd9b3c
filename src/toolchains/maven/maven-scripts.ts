/**
 * The shell scripts the Maven toolchain runs in the sandbox (cwd /workspace). Maven is Debian's,
 * fully offline: `-s /etc/maven/settings-debian.xml` points the local repository at the read-only
 * /usr/share/maven-repo, so only Debian-packaged plugin and dependency versions resolve
 * (docs/toolchains.md §4.1). MAVEN_OPTS from the image sets user.home=/tmp (§1.1 item 6).
 */
import { REPORT_DIR, WORKSPACE } from '../toolchain.js';
import { MAVEN_REPORTS } from './maven-report-files.js';
import { RECAP_MARKER } from './maven-summary.js';

const MVN = 'mvn -B -o -s /etc/maven/settings-debian.xml -Dstyle.color=never';
const AGENT_JAR = '/opt/jacoco/jacocoagent.jar';
const EXEC_FILE = '/tmp/patchproof-jacoco.exec';
/** Built into the toolchain image; see testScript. */
export const FEEDER_RELEASE = '-javaagent:/opt/patchproof/fork-feeder-release/fork-feeder-release.jar';
const BUILD_LOG = '/tmp/patchproof-build.log';
const STARTED = '/tmp/patchproof-maven-started';
// Maven prints ESC[0m around its output even with -Dstyle.color=never (§4.4).
const STRIP_ANSI = String.raw`sed 's/\x1b\[[0-9;]*m//g'`;
// "[ERROR] /workspace/src/main/java/x/Calc.java:[8,21] ';' expected" → "src/main/java/x/Calc.java:8:21: error: ';' expected"
const COMPILER_LINE = String.raw`sed -n 's#^\[ERROR\] ${WORKSPACE}/\(.*\.java\):\[\([0-9]*\),\([0-9]*\)\] #\1:\2:\3: error: #p'`;

/**
 * The project copy baked into the image has every file dated 1970-01-01T00:00:00 (mtime 0: image
 * build contexts are made reproducible). Java's File.lastModified() also answers 0 for a file that
 * does not exist, so maven-filtering 3.3 (maven-resources-plugin 3.3.0) takes every resource as
 * already copied, skips it, then fails setting its permissions: "copying src/main/resources/x to
 * target/classes/x failed with NoSuchFileException" (a real POM: classmate 1.3.4). One second
 * later still sorts before anything the proposal wrote; the workspace is a throwaway copy.
 */
export const UNDATE_EPOCH_FILES = `find . -path ./${REPORT_DIR.split('/')[0] ?? REPORT_DIR} -prune -o -type f ! -newermt @0 -exec touch -c -d @1 {} +`;

/**
 * Compiles main and test sources. On failure the first compiler error goes to stderr on its own,
 * in javac's file:line:col form: grade names the first line mentioning "error", and with -q
 * Maven's first such line is the useless "[ERROR] COMPILATION ERROR :".
 */
export function buildScript(): string {
  return [
    UNDATE_EPOCH_FILES,
    `${MVN} -q test-compile > ${BUILD_LOG} 2>&1; rc=$?`,
    `if [ $rc -ne 0 ]; then ${STRIP_ANSI} ${BUILD_LOG} | ${COMPILER_LINE} | head -n 1 >&2; fi`,
    `${STRIP_ANSI} ${BUILD_LOG}`,
    'exit $rc',
  ].join('\n');
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Passes Maven's output through and, once Maven ended, prints again what maven-summary.ts reads:
 * each "Tests run:" totals line that follows a "Results:" line (not the per-class ones, which say
 * "Time elapsed"), at most 200, and the last BUILD line. awk is its own process, not the JVM.
 */
export const RECAP = [
  'awk',
  quote(
    [
      '{ print; fflush() }',
      '/Results:/ { results = 1; next }',
      'results && /Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+/ && !/Time elapsed/ { if (n < 200) kept[n++] = $0; results = 0 }',
      '/BUILD (SUCCESS|FAILURE)/ { build = $0 }',
      `END { print ""; print "${RECAP_MARKER}"; for (i = 0; i < n; i++) print kept[i]; if (build != "") print build }`,
    ].join(' '),
  ),
].join(' ');

/**
 * Runs the tests as the POM says, in the JVM Surefire forks by default (a test that loads through
 * the system class loader sees its classpath, and a System.exit in a test ends only that JVM). The
 * JaCoCo agent rides on JAVA_TOOL_OPTIONS, which every JVM started here reads (Maven's and the
 * forked one), so it reaches the tests whatever argLine a POM sets and also when a POM forces
 * forkCount=0; both write the same exec file (the agent appends, under a lock). Each JVM prints
 * "Picked up JAVA_TOOL_OPTIONS" once (the fork's goes to Surefire's dump file).
 * Debian's Surefire 2.22.3 shades maven-shared-utils 3.3.4, which waits, after the fork exited, for
 * the thread feeding the fork's stdin before closing its command stream; that thread sleeps until the
 * next 10-second ping, so each fork idled up to 10 s. FEEDER_RELEASE, on Maven's JVM only (MAVEN_OPTS),
 * closes that stream as soon as the fork is gone (templates/maven-toolchain/fork-feeder-release).
 *
 * Only reports this run wrote count: every surefire-reports folder is removed first (a change, or
 * the build, may have put a TEST-*.xml there), and only reports newer than a stamp made just
 * before Maven starts are copied. Maven's exit code travels through the shell's own variable,
 * out of the tests' reach, while its output goes through awk (RECAP) to the console.
 * Then copies the reports, lists the test sources, writes the coverage report, and exits with
 * Maven's code. The script's own arguments go to Maven after `test` (a rerun's -Dtest=…).
 */
export function testScript(coverageIncludes: string | null): string {
  const agent = `-javaagent:${AGENT_JAR}=destfile=${EXEC_FILE}${coverageIncludes === null ? '' : `,includes=${coverageIncludes}`}`;
  const r = REPORT_DIR;
  const m = MAVEN_REPORTS;
  const notOurs = `-path ./${REPORT_DIR.split('/')[0] ?? REPORT_DIR} -prune -o`;
  return [
    UNDATE_EPOCH_FILES,
    `mkdir -p ${r} && rm -f ${EXEC_FILE}`,
    `find . ${notOurs} -type d -path '*/target/surefire-reports' -prune -print | while IFS= read -r d; do chmod -R u+rwX "$d"; rm -rf "$d"; done`,
    `touch ${STARTED}`,
    // fd 3 carries Maven's exit code out of the pipeline; Maven and awk do not get it.
    'exec 4>&1',
    `rc=$( { { MAVEN_OPTS="\${MAVEN_OPTS:-} ${FEEDER_RELEASE}" JAVA_TOOL_OPTIONS="\${JAVA_TOOL_OPTIONS:-} ${agent}" ${MVN} test "$@" 3>&-; echo $? >&3; } | ${RECAP} >&4 3>&-; } 3>&1 )`,
    'exec 4>&-',
    // Oldest first by modification time: the order of attempts when a test is reported twice.
    `find . ${notOurs} -type f -path '*/target/surefire-reports/*TEST-*.xml' -newer ${STARTED} -printf '%T@ %P\\n' | sort -n | cut -d' ' -f2- > ${r}/${m.surefireOrder}`,
    `while IFS= read -r f; do mkdir -p "${r}/${m.surefireDir}/\${f%/*}" && cp "$f" "${r}/${m.surefireDir}/$f"; done < ${r}/${m.surefireOrder}`,
    `find . ${notOurs} -type f -path '*/src/test/java/*' -name '*.java' -printf '%P\\n' > ${r}/${m.testSources}`,
    `if [ -f ${EXEC_FILE} ]; then jacoco-report ${r}/${m.jacoco} ${WORKSPACE} ${EXEC_FILE}; fi`,
    `echo $rc > ${r}/${m.exitCode}`,
    'exit $rc',
  ].join('\n');
}
