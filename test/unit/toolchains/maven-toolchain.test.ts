/** The Maven toolchain's pure parts: detection, coverage filter, commands, and collect on real reports. */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { coverageIncludes } from '../../../src/toolchains/maven/coverage-includes.js';
import { FEEDER_RELEASE } from '../../../src/toolchains/maven/maven-scripts.js';
import { mavenToolchain } from '../../../src/toolchains/maven/maven-toolchain.js';
import { pomCoordinates } from '../../../src/toolchains/maven/pom-coordinates.js';
import { reportTotals } from '../../../parsers/report.js';
import { mavenReportFiles } from '../../fixtures/reports/maven/fixture-files.js';

const PROJECT = fileURLToPath(new URL('../../fixtures/projects/maven/', import.meta.url));

describe('detecting a Maven project', () => {
  it('recognises the fixture project by its root pom.xml, naming its coordinates', async () => {
    expect(mavenToolchain.detect(await snapshotProject(PROJECT))).toEqual({ evidence: ['pom.xml (com.example:calc)'] });
  });

  it('says nothing about a project without a root pom.xml', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-maven-'));
    await writeFile(join(dir, 'build.gradle'), '');
    expect(mavenToolchain.detect(await snapshotProject(dir))).toBeNull();
  });

  it('reads the project ids, not those of its parent, dependencies or plugins', () => {
    const pom = `<project><!-- <groupId>commented</groupId> -->
      <parent><groupId>org.acme</groupId><artifactId>acme-parent</artifactId><version>1</version></parent>
      <artifactId>widget</artifactId>
      <dependencies><dependency><groupId>junit</groupId><artifactId>junit</artifactId></dependency></dependencies>
    </project>`;
    expect(pomCoordinates(pom)).toBe('org.acme:widget');
    expect(pomCoordinates('<project><groupId>a</groupId></project>')).toBeNull();
    expect(pomCoordinates('not xml at all')).toBeNull();
  });
});

describe('JaCoCo agent includes', () => {
  it('lists the outermost main packages of every module, before and after the change', () => {
    expect(coverageIncludes(['pom.xml', 'src/main/java/com/example/calc/Calc.java', 'src/main/java/com/example/calc/util/Strings.java', 'core/src/main/java/org/acme/A.java', 'src/test/java/com/example/calc/CalcTest.java'])).toBe('com.example.calc.*:org.acme.*');
  });

  it('instruments everything when a class sits in the default package or a name needs quoting', () => {
    expect(coverageIncludes(['src/main/java/Main.java', 'src/main/java/com/example/A.java'])).toBeNull();
    expect(coverageIncludes(["src/main/java/com/ex'ample/A.java"])).toBeNull();
    expect(coverageIncludes(['src/test/java/com/example/ATest.java'])).toBeNull();
  });
});

describe('Maven commands', () => {
  it('builds with test-compile, offline against Debian repository, and puts the compiler error first', () => {
    const [shell, flag, script] = mavenToolchain.buildCommand({ snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: [] }) ?? [];
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toContain('mvn -B -o -s /etc/maven/settings-debian.xml -Dstyle.color=never -q test-compile');
    expect(script).toContain('>&2');
  });

  it('tests as the POM forks them, with the agent on every JVM, limited to the project packages, and exits with Maven\'s code', async () => {
    const [, , script] = mavenToolchain.testCommand({ snapshot: await snapshotProject(PROJECT), changedPaths: [] });
    expect(script).toContain('JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -javaagent:/opt/jacoco/jacocoagent.jar=destfile=/tmp/patchproof-jacoco.exec,includes=com.example.calc.*"');
    // Surefire's own fork (upstream's default), and the POM's own argLine left to it.
    expect(script).not.toContain('forkCount');
    expect(script).not.toContain('-DargLine');
    expect(script?.trimEnd().endsWith('exit $rc')).toBe(true);
  });

  it('puts the fork-feeder release agent on Maven\'s JVM only, from the path the toolchain image builds it at', async () => {
    const [, , script] = mavenToolchain.testCommand({ snapshot: await snapshotProject(PROJECT), changedPaths: [] });
    expect(script).toContain(`MAVEN_OPTS="\${MAVEN_OPTS:-} ${FEEDER_RELEASE}" JAVA_TOOL_OPTIONS=`);
    // JAVA_TOOL_OPTIONS reaches the fork too, which has no feeder to release.
    expect(script?.match(/JAVA_TOOL_OPTIONS="[^"]*"/)?.[0]).not.toContain('fork-feeder-release');
    const jar = FEEDER_RELEASE.replace('-javaagent:', '');
    const dockerfile = await readFile(fileURLToPath(new URL('../../../templates/maven-toolchain/Dockerfile', import.meta.url)), 'utf8');
    const dir = jar.slice(0, jar.lastIndexOf('/'));
    expect(dockerfile).toContain(`RUN cd ${dir} `);
    expect(dockerfile).toContain(`test -s ${jar.slice(dir.length + 1)}`);
  });
});

describe('project files dated 1970 (the image\'s project copy has mtime 0)', () => {
  const FIXTURE = fileURLToPath(new URL('../../fixtures/reports/maven/build-epoch-resources/', import.meta.url));

  /**
   * A project whose files all have mtime 0, as cp -R -p copies them from the image, but for one the
   * proposal wrote; a stand-in mvn replays Maven's real failure (classmate 1.3.4) while a resource
   * is still dated 0, and records what the script left of the dates.
   */
  async function runBuild(): Promise<{ code: number; stdout: string; dates: Record<string, number> }> {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-maven-epoch-'));
    const files = ['pom.xml', 'src/main/resources/META-INF/NOTICE', 'src/main/java/x/A.java', '.patchproof/reports/keep.txt', 'src/main/java/x/Changed.java'];
    for (const file of files) {
      await mkdir(dirname(join(dir, file)), { recursive: true });
      await writeFile(join(dir, file), file);
      if (file !== 'src/main/java/x/Changed.java') await utimes(join(dir, file), 0, 0);
    }
    const bin = await mkdtemp(join(tmpdir(), 'patchproof-maven-bin-'));
    const failure = join(FIXTURE, 'build-stdout.txt');
    await writeFile(join(bin, 'mvn'), `#!/bin/sh\nif [ "$(stat -c %Y src/main/resources/META-INF/NOTICE)" = 0 ]; then cat '${failure}'; exit 1; fi\n`);
    await chmod(join(bin, 'mvn'), 0o755);
    const [, , script = ''] = mavenToolchain.buildCommand({ snapshot: { root: dir, entries: new Map(), totalBytes: 0 }, changedPaths: [] }) ?? [];
    const run = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile('sh', ['-c', script], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin` } }, (error, stdout) => {
        resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout });
      });
    });
    const dates: Record<string, number> = {};
    for (const file of files) dates[file] = Math.floor((await stat(join(dir, file))).mtimeMs / 1000);
    return { ...run, dates };
  }

  it('is what made maven-resources-plugin 3.3.0 fail a real project before any test ran', async () => {
    expect((await readFile(join(FIXTURE, 'build-exit-code'), 'utf8')).trim()).toBe('1');
    expect((await readFile(join(FIXTURE, 'build-stdout.txt'), 'utf8')).split('\n')[0]).toBe(
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-resources-plugin:3.3.0:resources (default-resources) on project classmate: copying /workspace/src/main/resources/META-INF/NOTICE to /workspace/target/classes/META-INF/NOTICE failed with NoSuchFileException: /workspace/target/classes/META-INF/NOTICE -> [Help 1]',
    );
  });

  it('dates them one second later before Maven runs, leaving what the proposal wrote and the report folder alone', async () => {
    const { code, stdout, dates } = await runBuild();
    expect(stdout).toBe('');
    expect(code).toBe(0);
    expect(dates['pom.xml']).toBe(1);
    expect(dates['src/main/resources/META-INF/NOTICE']).toBe(1);
    expect(dates['src/main/java/x/A.java']).toBe(1);
    expect(dates['.patchproof/reports/keep.txt']).toBe(0);
    expect(dates['src/main/java/x/Changed.java']).toBeGreaterThan(1);
  });

  it('does the same before the test run, for projects built without the build step', () => {
    const [, , script = ''] = mavenToolchain.testCommand({ snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: [] });
    expect(script.split('\n')[0]).toBe("find . -path ./.patchproof -prune -o -type f ! -newermt @0 -exec touch -c -d @1 {} +");
  });
});

describe('collecting the Maven reports', () => {
  it('reads the passing run: 5 tests and JaCoCo line coverage', async () => {
    const collected = await mavenToolchain.collect(mavenReportFiles('pass'));
    expect(reportTotals(collected.tests)).toEqual({ total: 5, passed: 5, failed: 0, errors: 0, skipped: 0 });
    expect(collected.testsProblem).toBeNull();
    expect(collected.coverage?.linesPct).toBe(87.5);
    expect(collected.coverageProblem).toBeNull();
  });

  it('reads a run where Surefire found no tests as an empty report, not a missing one', async () => {
    const collected = await mavenToolchain.collect(mavenReportFiles('no-tests'));
    expect(collected.tests).toEqual({ format: 'surefire', cases: [], runErrors: [], warnings: [] });
    expect(collected.coverage?.linesPct).toBe(0);
  });

  it('reports a missing report when Maven failed and Surefire wrote nothing', async () => {
    const files = mavenReportFiles('no-tests');
    files.set('maven-exit-code', Buffer.from('1\n'));
    files.delete('jacoco.xml');
    const collected = await mavenToolchain.collect(files);
    expect(collected.tests).toBeNull();
    expect(collected.testsProblem?.reason).toBe('no report was written');
    expect(collected.coverage).toBeNull();
    expect(collected.coverageProblem?.message).toBe('jacoco.xml: no report was written');
    expect(mavenToolchain.explainMissingReport(1)).toBe('Maven failed before Surefire wrote a report (exit code 1); see the test output');
  });

  it('orders the files by the manifest, so the second execution is the last attempt', async () => {
    const collected = await mavenToolchain.collect(mavenReportFiles('two-executions'));
    expect(collected.tests?.cases.find((c) => c.name === 'failsOnlyTheFirstTime')?.status).toBe('passed');
  });
});
