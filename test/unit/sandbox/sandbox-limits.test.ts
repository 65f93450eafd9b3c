import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { pipelineSettings } from '../../../src/pipeline/settings.js';
import { uploadProblem } from '../../../src/sandbox/change-archive.js';
import { fullMounts, parseReaperOutput, reaperScript } from '../../../src/sandbox/reaper.js';
import { readPytestSummary } from '../../../src/toolchains/python/pytest-summary.js';

const MIB = 1024 * 1024;

describe('the reaper', () => {
  it('reads the counters, the kill result and the mounts it printed (cgroup v1)', () => {
    const out = 'tasks 67\nforks_refused 191\noom_kills 2\ncpu_ns 4200000000\nleft 3\nmount /workspace 4096 16384 0 524288 524280\nmount /tmp 4096 4096 4000 1000 990\n';
    expect(parseReaperOutput(out, 0)).toEqual({
      tasksBefore: 67,
      wrapper: false,
      tasksAfter: 3,
      forksRefused: 191,
      oomKills: 2,
      cpuNanos: 4_200_000_000,
      peakMemoryBytes: null,
      ioReadBytes: null,
      ioWriteBytes: null,
      folder: null,
      afterExit: null,
      archive: null,
      mounts: [
        { path: '/workspace', sizeBytes: 64 * MIB, freeBytes: 0, totalInodes: 524288, freeInodes: 524280 },
        { path: '/tmp', sizeBytes: 16 * MIB, freeBytes: 4000 * 4096, totalInodes: 1000, freeInodes: 990 },
      ],
    });
  });

  it('takes cgroup v2 CPU time in microseconds, and counters the cgroup lacks as zero', () => {
    expect(parseReaperOutput('tasks 3\ncpu_us 1500\nleft 3\n', 0)).toMatchObject({ cpuNanos: 1_500_000, forksRefused: 0, oomKills: 0 });
    expect(parseReaperOutput('tasks 3\nleft 3\n', 0)?.cpuNanos).toBeNull();
  });

  it('trusts nothing of a run that failed or printed something else', () => {
    expect(parseReaperOutput('tasks 5\nleft 3\n', 1)).toBeNull();
    expect(parseReaperOutput('tasks 5\nleft \n', 0)).toBeNull();
    expect(parseReaperOutput('sh: 1: Cannot fork\n', 0)).toBeNull();
    expect(parseReaperOutput('tasks 3\nleft 3\nmount /tmp 4096 x 0 1 1\n', 0)).toBeNull();
  });

  it('calls a mount full with next to nothing left, or no inode left', () => {
    const mount = (path: string, sizeBytes: number, freeBytes: number, freeInodes = 100) => ({ path, sizeBytes, freeBytes, totalInodes: 1000, freeInodes });
    expect(fullMounts([mount('/workspace', 64 * MIB, 4096), mount('/tmp', 16 * MIB, 8 * MIB), mount('/dev/shm', 16 * MIB, 8 * MIB, 0)])).toEqual([
      { path: '/workspace', sizeBytes: 64 * MIB },
      { path: '/dev/shm', sizeBytes: 16 * MIB },
    ]);
    // A large mount is full with less than a thousandth left, a small one below 64 KiB.
    expect(fullMounts([mount('/workspace', 1024 * MIB, MIB / 2)])).toHaveLength(1);
    expect(fullMounts([mount('/tmp', 8 * MIB, 100 * 1024)])).toEqual([]);
  });

  it('uses only shell builtins before its kill loop is over: under a fork bomb nothing can be forked', () => {
    const script = reaperScript(['/workspace', '/tmp']);
    const beforeKill = script.slice(0, script.indexOf('echo "left $now"'));
    expect(beforeKill).not.toMatch(/(^|[\s;(])(cat|grep|sed|awk|stat|sleep|head|tr)\s/m);
    // Command substitution and pipes fork; arithmetic $((...)) does not.
    expect(beforeKill).not.toMatch(/\$\((?!\()|`| \| /);
    expect(script).toContain('kill -9 -1');
    expect(script).toContain("stat -f -c 'mount %n %S %b %a %c %d' /workspace /tmp");
  });
});

describe('readPytestSummary', () => {
  it('reads the closing line, counting xpassed tests as passed as the JUnit report does', () => {
    const out = 'tests/test_a.py ..\n=========================== short test summary info ============================\nFAILED tests/test_a.py::t - assert 0\n= 1 failed, 5 passed, 1 skipped, 1 xfailed, 1 xpassed, 1 warning, 2 errors in 0.06s =\n';
    expect(readPytestSummary(out)).toEqual({ line: '= 1 failed, 5 passed, 1 skipped, 1 xfailed, 1 xpassed, 1 warning, 2 errors in 0.06s =', passed: 6, failed: 1, errors: 2 });
  });

  it('reads the quiet form, long runs and "no tests ran", and takes the last closing line', () => {
    expect(readPytestSummary('...\n3 passed in 0.01s\n')).toMatchObject({ passed: 3, failed: 0 });
    expect(readPytestSummary('=== 12 passed in 75.12s (0:01:15) ===\n')).toMatchObject({ passed: 12 });
    expect(readPytestSummary('=== no tests ran in 0.01s ===\n')).toMatchObject({ passed: 0, failed: 0, errors: 0 });
    expect(readPytestSummary('=== 1 passed in 0.01s ===\nprinted later\n=== 1 failed in 0.02s ===\ntick\n')).toMatchObject({ failed: 1, passed: 0 });
  });

  it('finds none in output cut short', () => {
    expect(readPytestSummary('tests/test_calc.py ..F\n')).toBeNull();
    expect(readPytestSummary('')).toBeNull();
  });
});

describe('uploadProblem', () => {
  const limits = { maxFiles: 3, maxFileBytes: 10, maxTotalBytes: 15 };
  const write = (path: string, content = 'x') => ({ kind: 'write' as const, path, content: Buffer.from(content) });

  it('lets plain changes through', () => {
    expect(uploadProblem([write('a.py'), { kind: 'delete', path: 'b.py' }], limits)).toBeNull();
  });

  it('refuses what intake refuses, checked again at the door of the sandbox', () => {
    expect(uploadProblem([write('../x')], limits)).toBe('the path "../x" escapes the project (contains ..)');
    expect(uploadProblem([write('/etc/x')], limits)).toBe('the path "/etc/x" is absolute (paths are relative to the project root)');
    expect(uploadProblem([write('a\nb')], limits)).toBe('the path "a\\nb" contains a control character');
    expect(uploadProblem([write('.patchproof/reports/junit.xml')], limits)).toMatch(/inside \.patchproof\//);
    expect(uploadProblem([write('a.py'), { kind: 'delete', path: 'a.py' }], limits)).toBe('the path "a.py" is changed more than once');
  });

  it('refuses too many files, a file too large and too many bytes together', () => {
    expect(uploadProblem([write('a'), write('b'), write('c'), write('d')], limits)).toBe('4 changed files, more than the limit of 3');
    expect(uploadProblem([write('a', 'x'.repeat(11))], limits)).toBe('"a" has 11 bytes, more than the limit of 10');
    expect(uploadProblem([write('a', 'x'.repeat(10)), write('b', 'x'.repeat(10))], limits)).toBe('the changed files hold more than 15 bytes together');
  });

  it('refuses a path the sandbox cannot hold: /workspace/<path> past PATH_MAX, a name past NAME_MAX', () => {
    expect(uploadProblem([write(`${'d/'.repeat(2042)}x`)], limits)).toMatch(/^the path "(d\/){60}…" is 4085 bytes long, more than the limit of 4084/);
    expect(uploadProblem([write(`${'d/'.repeat(2041)}xy`)], limits)).toBeNull();
    expect(uploadProblem([write('node_modules/x.js')], limits)).toBe('the path "node_modules/x.js" is inside node_modules/, which patchproof leaves out of the project');
  });

  it('weighs the written files against the room the workspace has once the project is in it, in whole pages', () => {
    const file = (path: string, size: number) => [path, { path, type: 'file' as const, executable: false, size, linkTarget: null, digest: '' }] as const;
    const project = { root: '/p', totalBytes: 0, entries: new Map([file('a.py', 4096), file('b.py', 1)]) };
    const room = (bytes: number) => ({ bytes, project });
    const big = { maxFiles: 10, maxFileBytes: 1 << 20, maxTotalBytes: 1 << 20 };
    // The project takes two pages; one written byte takes a third.
    expect(uploadProblem([write('c.py', 'x')], big, room(3 * 4096))).toBeNull();
    expect(uploadProblem([write('c.py', 'x')], big, room(3 * 4096 - 1))).toBe('the changed files need 4096 bytes of the workspace, but only 4095 of its 12287 are left once the project is in it');
    // A rewritten file gives its pages back first.
    expect(uploadProblem([write('a.py', 'x'.repeat(8192))], big, room(3 * 4096))).toBeNull();
  });
});

describe('pipelineSettings', () => {
  const config = loadConfig({ PATCHPROOF_MEMORY_MB: '512', PATCHPROOF_TEST_TIMEOUT_S: '120' });

  it('takes every limit from the configuration when the request asks for none', () => {
    const settings = pipelineSettings(config, 'http://mirror');
    expect(settings.testTimeoutMs).toBe(120_000);
    expect(settings.cpuTimeMs).toBe(240_000);
    expect(settings.limits).toEqual({ memoryBytes: 512 * MIB, cpus: 1, pidsLimit: 256, workspaceBytes: 512 * MIB, tmpBytes: 256 * MIB });
    expect(settings.caps.limitBytes).toBe(16 * MIB);
    expect(settings.upload).toEqual({ maxFiles: 1000, maxFileBytes: 5 * MIB, maxTotalBytes: 50 * MIB });
  });

  it('lets a request ask for less, never for more', () => {
    const less = pipelineSettings(config, 'http://mirror', { timeoutS: 5, cpuTimeS: 3, memoryMb: 256, pidsLimit: 64, workspaceMb: 32, tmpMb: 16, outputLimitBytes: MIB });
    expect([less.testTimeoutMs, less.cpuTimeMs, less.limits.memoryBytes, less.limits.pidsLimit, less.limits.workspaceBytes, less.limits.tmpBytes, less.caps.limitBytes]).toEqual([
      5_000, 3_000, 256 * MIB, 64, 32 * MIB, 16 * MIB, MIB,
    ]);
    const more = pipelineSettings(config, 'http://mirror', { timeoutS: 9_999, cpuTimeS: 9_999, memoryMb: 65_536, pidsLimit: 65_536, workspaceMb: 65_536, tmpMb: 65_536, outputLimitBytes: 1 << 30 });
    expect(more).toEqual(pipelineSettings(config, 'http://mirror'));
  });
});
