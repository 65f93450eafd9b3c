import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { watchDelayMs } from '../../../src/sandbox/cpu-watch.js';
import { parseReaperOutput, reaperScript } from '../../../src/sandbox/reaper.js';

const BASE = ['tasks 4', 'forks_refused 0', 'oom_kills 0', 'cpu_ns 5000', 'left 3'];

describe("work of ours folded into the reaper's exec (one runc exec fewer each)", () => {
  it('runs `before` first and fails the whole script when it fails: the reading is then not trusted', () => {
    const script = reaperScript(['/tmp'], undefined, { before: 'false' });
    expect(script.indexOf('false')).toBeLessThan(script.indexOf('c=/sys/fs/cgroup'));
    // The prelude alone, as sh runs it: its failure ends the script with 3 before any reading.
    const prelude = script.split('\nc=/sys/fs/cgroup')[0] ?? '';
    expect(() => execFileSync('sh', ['-c', `${prelude}\necho tasks 4`], { stdio: 'pipe' })).toThrow();
    expect(execFileSync('sh', ['-c', `${reaperScript([], undefined, { before: 'true' }).split('\nc=/sys/fs/cgroup')[0] ?? ''}\necho ok`]).toString()).toBe('ok\n');
  });

  it('runs `after` once everything is killed and reports its status; absent, the status is null', () => {
    const script = reaperScript(['/tmp'], '/workspace/x', { after: 'rm -rf /workspace/x' });
    expect(script.indexOf('rm -rf /workspace/x')).toBeGreaterThan(script.indexOf('kill -9 -1'));
    expect(script.indexOf('rm -rf /workspace/x')).toBeLessThan(script.indexOf("sed 's/^/folder /'"));
    expect(parseReaperOutput([...BASE, 'after_exit 0'].join('\n'), 0)?.afterExit).toBe(0);
    expect(parseReaperOutput([...BASE, 'after_exit 1'].join('\n'), 0)?.afterExit).toBe(1);
    expect(parseReaperOutput(BASE.join('\n'), 0)?.afterExit).toBeNull();
  });
});

describe("the CPU budget's watch opens only once the budget could be spent", () => {
  it('waits budget / cpus less a margin, and opens at once for a budget that small', () => {
    expect(watchDelayMs(240_000, 1)).toBe(235_000);
    expect(watchDelayMs(240_000, 2)).toBe(115_000);
    expect(watchDelayMs(3_000, 1)).toBe(0);
    expect(watchDelayMs(10_000, 4)).toBe(0);
  });
});

describe("a small measured folder comes back in the reaper's output", () => {
  it('parses the archive only when tar said 0, and only base64 between the markers', () => {
    const tar = Buffer.from('pretend tar bytes').toString('base64');
    const ok = parseReaperOutput([...BASE, 'folder entries 1 bytes 3', 'inline_begin', tar, 'inline_exit 0'].join('\n'), 0);
    expect(ok?.archive?.toString()).toBe('pretend tar bytes');
    expect(ok?.folder).toEqual({ exists: true, entries: 1, bytes: 3 });
    expect(parseReaperOutput([...BASE, 'inline_begin', tar, 'inline_exit 2'].join('\n'), 0)?.archive).toBeNull();
    expect(parseReaperOutput([...BASE, 'inline_begin', tar].join('\n'), 0)?.archive).toBeNull();
    expect(parseReaperOutput([...BASE, 'inline_begin', 'not*base64', 'inline_exit 0'].join('\n'), 0)?.archive).toBeNull();
  });

  it('archives only within the inline bounds', () => {
    const script = reaperScript(['/tmp'], '/workspace/.patchproof/reports');
    expect(script).toContain('[ "$2" -le 200 ] && [ "$4" -le 524288 ]');
    expect(script).toContain("tar -C '/workspace/.patchproof' -cf - -- 'reports'");
  });
});
