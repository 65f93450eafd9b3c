/** The Go toolchain's pure parts: detection, commands, the build script's error line, and collect on real reports. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { snapshotProject } from '../../../src/project/project-snapshot.js';
import { modulePath } from '../../../src/toolchains/go/detect-go.js';
import { goToolchain } from '../../../src/toolchains/go/go-toolchain.js';
import { reportTotals } from '../../../parsers/report.js';
import { goFixture, goReportFiles } from '../../fixtures/reports/go/fixture-files.js';

const PROJECT = fileURLToPath(new URL('../../fixtures/projects/go/', import.meta.url));
const NO_CONTEXT = { snapshot: { root: '/x', entries: new Map(), totalBytes: 0 }, changedPaths: [] };

describe('detecting a Go module', () => {
  it('recognises the fixture project by its root go.mod, naming the module', async () => {
    expect(goToolchain.detect(await snapshotProject(PROJECT))).toEqual({ evidence: ['go.mod (module example.com/kit)'] });
  });

  it('says nothing about a project without a root go.mod', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-go-'));
    await mkdir(join(dir, 'tools'));
    await writeFile(join(dir, 'tools', 'go.mod'), 'module example.com/tools\n');
    expect(goToolchain.detect(await snapshotProject(dir))).toBeNull();
  });

  it('reads the module path quoted or not, past comments, and null when there is none', () => {
    expect(modulePath('// the kit\nmodule example.com/kit // main module\n\ngo 1.22\n')).toBe('example.com/kit');
    expect(modulePath('module "example.com/quoted"\n')).toBe('example.com/quoted');
    expect(modulePath('go 1.22\n')).toBeNull();
  });
});

describe('Go commands', () => {
  it('builds with go build and go vet -atomic, from a writable copy of the warm cache', () => {
    const [shell, flag, script] = goToolchain.buildCommand(NO_CONTEXT) ?? [];
    expect([shell, flag]).toEqual(['sh', '-c']);
    expect(script).toContain('[ -d "$GOCACHE" ] || cp -a /opt/go-cache "$GOCACHE"');
    expect(script).toContain('go build ./... && go vet -atomic ./...');
  });

  it('tests as a JSON stream with a coverage profile into the report folder, and exits with go test\'s code', () => {
    const [, , script = ''] = goToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('go test -json -count=1 -covermode=atomic -coverprofile=/workspace/.patchproof/reports/cover.out ./... 2> /workspace/.patchproof/reports/go-test-stderr.txt 3>&- 4>&-; echo $? >&4; }');
    expect(script.trimEnd().split('\n').at(-1)).toBe('exit $rc');
  });

  it('passes the stream through a pipe to its file and to gotestsum, whose closing line is the witness', () => {
    const [, , script = ''] = goToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('| tee /workspace/.patchproof/reports/go-test.json | gotestsum --format pkgname --raw-command -- cat >&3; } 4>&1)');
    // gotestsum reads the pipe, never the file a test could rewrite.
    expect(script).not.toContain('cat /workspace/.patchproof/reports/go-test.json');
  });

  it('runs the script as sh runs it: go test\'s exit code and gotestsum\'s summary come out, the stream lands in its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'patchproof-go-script-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    const stub = (name: string, body: string) => writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    // Stand-ins with go's and gotestsum's shapes: go prints one event and fails; gotestsum counts the lines it reads.
    stub('go', '[ "$1" = test ] || exit 0\necho \'{"Action":"fail","Test":"TestA"}\'\nexit 3');
    stub('gotestsum', 'shift 4\necho "DONE $("$@" | wc -l | tr -d \' \') tests, 1 failure in 0.001s"');
    const [, , script = ''] = goToolchain.testCommand(NO_CONTEXT);
    const local = script.replaceAll('/workspace/', `${dir}/`).replaceAll('/usr/local/bin/patchproof-go-func-extents', 'true');
    const run = spawnSync('sh', ['-c', local], { cwd: dir, env: { PATH: `${bin}:/usr/bin:/bin`, GOCACHE: dir }, encoding: 'utf8' });
    expect(run.status).toBe(3);
    expect(run.stdout).toContain('DONE 1 tests, 1 failure in 0.001s');
    expect(readFileSync(join(dir, '.patchproof/reports/go-test.json'), 'utf8')).toBe('{"Action":"fail","Test":"TestA"}\n');
    expect(readFileSync(join(dir, '.patchproof/reports/go-exit-code'), 'utf8')).toBe('3\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists where the profiled files\' functions lie with the image\'s helper, when there is a profile', () => {
    const [, , script = ''] = goToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('if [ -s /workspace/.patchproof/reports/cover.out ]; then /usr/local/bin/patchproof-go-func-extents /workspace/.patchproof/reports/cover.out /workspace/.patchproof/reports/go-packages.txt > /workspace/.patchproof/reports/go-func-extents.txt 2> /dev/null; fi');
    // After go list wrote the packages it reads.
    expect(script.indexOf('patchproof-go-func-extents')).toBeGreaterThan(script.indexOf('go list -e'));
  });

  it('uses vendor/ when the project has one, else lets go tidy go.mod (no module proxy is reachable)', () => {
    const [, , script] = goToolchain.testCommand(NO_CONTEXT);
    expect(script).toContain('if [ -f vendor/modules.txt ]; then export GOFLAGS=-mod=vendor; else export GOFLAGS=-mod=mod; fi');
  });
});

describe('the build script on a failed build', () => {
  /** Runs the real build script with a stand-in `go` that prints a real log and fails. */
  async function runBuild(log: string): Promise<{ stdout: string; stderr: string; code: number }> {
    const dir = await mkdtemp(join(tmpdir(), 'patchproof-go-build-'));
    await writeFile(join(dir, 'log.txt'), log);
    await writeFile(join(dir, 'go'), `#!/bin/sh\ncat '${join(dir, 'log.txt')}' >&2\nexit 1\n`);
    await chmod(join(dir, 'go'), 0o755);
    const [, , script = ''] = goToolchain.buildCommand(NO_CONTEXT) ?? [];
    return new Promise((resolve) => {
      execFile('sh', ['-c', script], { cwd: dir, env: { PATH: `${dir}:/usr/bin:/bin`, GOCACHE: dir } }, (error, stdout, stderr) => {
        resolve({ stdout, stderr, code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1 });
      });
    });
  }

  it('puts vet\'s type error first on stderr, in compiler form with "error:", and the log on stdout', async () => {
    const result = await runBuild(goFixture('build-step/build-stdout.txt'));
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(goFixture('build-step/build-stderr.txt'));
    expect(result.stderr).toBe('calc/calc_test.go:9:19: error: cannot use "x" (untyped string constant) as int value in argument to Add\n');
    expect(result.stdout).toBe(goFixture('build-step/build-stdout.txt'));
  });

  it('does the same for a compiler error in non-test code', async () => {
    const result = await runBuild(goFixture('build-step/undefined-stdout.txt'));
    expect(result.stderr).toBe('calc/calc.go:10:13: error: undefined: c\n');
    expect(result.stderr).toBe(goFixture('build-step/undefined-stderr.txt'));
  });

  it('falls back to go\'s first line when the failure names no file', async () => {
    const result = await runBuild('go: go.mod requires go >= 1.24 (running go 1.23.5; GOTOOLCHAIN=local)\n');
    expect(result.stderr).toBe('go: go.mod requires go >= 1.24 (running go 1.23.5; GOTOOLCHAIN=local)\n');
  });
});

describe('collecting Go reports', () => {
  it('reads the passing run: every test placed in its file, coverage in statements', async () => {
    const collected = await goToolchain.collect(goReportFiles('pass'));
    expect(collected.testsProblem).toBeNull();
    expect(collected.tests?.cases.map((c) => `${c.name}@${c.file}`)).toEqual([
      'TestAdd@calc/calc_test.go',
      'TestDiv@calc/calc_test.go',
      'TestDiv/exact@calc/calc_test.go',
      'TestDiv/by_zero@calc/calc_test.go',
      'TestReverse@strutil/strutil_test.go',
      'TestCapitalize@strutil/strutil_test.go',
    ]);
    expect(collected.coverage).toMatchObject({ linesPct: 73.33, linesCovered: 11, linesValid: 15, branchesPct: null });
    expect(collected.coverageProblem).toBeNull();
  });

  it('places examples too, and the failed build of a package as a build error', async () => {
    const mixed = await goToolchain.collect(goReportFiles('mixed'));
    expect(mixed.tests?.cases.find((c) => c.name === 'ExampleAbs')?.file).toBe('calc/calc_test.go');
    const broken = await goToolchain.collect(goReportFiles('build-failed'));
    expect(broken.tests?.runErrors.map((e) => `${e.kind}:${e.where}`)).toEqual(['build:example.com/kit/calc']);
  });

  it('counts coverage as go tool cover -func does, leaving out a package-level function literal', async () => {
    expect(goFixture('func-literal/cover-func.txt').trim().split('\n').at(-1)).toMatch(/^total:\s+\(statements\)\s+73\.3%$/);
    // go test's own per-package line counts the literal's blocks (40.0% for calc); -func does not.
    expect(goFixture('func-literal/console.txt')).toContain('calc (7ms) (coverage: 40.0% of statements)');
    const collected = await goToolchain.collect(goReportFiles('func-literal'));
    expect(collected.coverage).toMatchObject({ linesPct: 73.33, linesCovered: 11, linesValid: 15 });
    // An image without the helper wrote no listing: every block counts, as before.
    const files = goReportFiles('func-literal');
    files.delete('go-func-extents.txt');
    expect((await goToolchain.collect(files)).coverage).toMatchObject({ linesCovered: 11, linesValid: 18 });
  });

  it('reads the zero-test run as a report with no cases, not as a missing report', async () => {
    const collected = await goToolchain.collect(goReportFiles('no-tests'));
    expect(collected.tests?.cases).toEqual([]);
    expect(collected.tests?.runErrors).toEqual([]);
    expect(collected.coverage?.linesPct).toBe(0);
  });

  it('turns an empty stream with a failing exit code into an error in go\'s words, never "no tests"', async () => {
    const files = new Map([
      ['go-test.json', Buffer.from('')],
      ['go-test-stderr.txt', Buffer.from('go: go.mod requires go >= 1.24 (running go 1.23.5; GOTOOLCHAIN=local)\n')],
      ['go-exit-code', Buffer.from('1\n')],
    ]);
    const collected = await goToolchain.collect(files);
    expect(collected.tests?.runErrors).toEqual([{ kind: 'internal', where: 'go test', message: 'go: go.mod requires go >= 1.24 (running go 1.23.5; GOTOOLCHAIN=local)' }]);
    expect(reportTotals(collected.tests).errors).toBe(1);
    expect(collected.coverage).toBeNull();
    expect(collected.coverageProblem?.reason).toBe('no report was written');
  });

  it('says the stream is missing when go test left none', async () => {
    const collected = await goToolchain.collect(new Map());
    expect(collected.tests).toBeNull();
    expect(collected.testsProblem?.message).toBe('go-test.json: no report was written');
    expect(goToolchain.explainMissingReport(137)).toBe('the test run was killed before go test wrote its results (exit code 137)');
    expect(goToolchain.explainMissingReport(2)).toBe('go test wrote no event stream (exit code 2); see the test output');
  });
});
