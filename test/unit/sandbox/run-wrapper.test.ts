import { describe, expect, it } from 'vitest';
import { goLines, readTrailer, receiverScript, wrapperScript } from '../../../src/sandbox/run-wrapper.js';

const NONCE = '0123456789abcdef0123456789abcdef';
const OTHER = 'ffffffffffffffffffffffffffffffff';
const reading = (nonce: string, exit: number) =>
  `\n${nonce} trailer\ntasks 5\nforks_refused 2\noom_kills 1\ncpu_ns 1500\nleft 3\nmount /workspace 4096 100 50 1000 900\nmem_peak 2048\n${nonce} end ${exit}\n`;

describe("the wrapper's trailer", () => {
  it('is taken off the output and read like the reaper', () => {
    const trailer = readTrailer(`hello\n${reading(NONCE, 3)}`, NONCE);
    expect(trailer).toMatchObject({ stdout: 'hello\n', exitCode: 3, report: { tasksBefore: 5, tasksAfter: 3, forksRefused: 2, oomKills: 1, cpuNanos: 1500, peakMemoryBytes: 2048 } });
    expect(trailer?.report?.mounts).toEqual([{ path: '/workspace', sizeBytes: 409600, freeBytes: 204800, totalInodes: 1000, freeInodes: 900 }]);
    expect(trailer?.wrapperBytes).toBe(Buffer.byteLength(reading(NONCE, 3)));
  });

  it('keeps output without a final newline whole', () => {
    expect(readTrailer(`no newline${reading(NONCE, 0)}`, NONCE)?.stdout).toBe('no newline');
  });

  it('is the one with the nonce: a trailer printed by the code is the code\'s output', () => {
    const forged = reading(OTHER, 0).replace('oom_kills 1', 'oom_kills 0');
    const trailer = readTrailer(`x${forged}${reading(NONCE, 1)}`, NONCE);
    expect(trailer).toMatchObject({ stdout: `x${forged}`, exitCode: 1, report: { oomKills: 1 } });
    expect(readTrailer(`x${forged}`, NONCE)).toBeNull();
  });

  it('cut short (the wrapper died while printing it) is taken off yet not believed', () => {
    const cut = reading(NONCE, 0).split('left')[0] ?? '';
    expect(readTrailer(`out${cut}`, NONCE)).toEqual({ stdout: 'out', wrapperBytes: Buffer.byteLength(cut), report: null, exitCode: null });
    // Closed, but with what the reaper would not print: nothing read is trusted.
    expect(readTrailer(`out\n${NONCE} trailer\ngarbage\n${NONCE} end 0\n`, NONCE)).toMatchObject({ stdout: 'out', report: null, exitCode: null });
    // Anything after the closing line means it was not the end of the output.
    expect(readTrailer(`out${reading(NONCE, 0)}more\n`, NONCE)).toMatchObject({ report: null, exitCode: null });
  });
});

describe('telling the wrapper to go', () => {
  it('sends the nonce, then one argument a line, then an empty line', () => {
    expect(goLines(NONCE, ['sh', '-c', 'cd /x && exec "$@"', 'sh', 'python3', 'main.py'])).toBe(`${NONCE}\nsh\n-c\ncd /x && exec "$@"\nsh\npython3\nmain.py\n\n`);
  });

  it('refuses what it cannot send (the command then runs without the wrapper)', () => {
    expect(goLines(NONCE, ['sh', '-c', 'a\nb'])).toBeNull();
    expect(goLines(NONCE, ['sh', ''])).toBeNull();
    expect(goLines(NONCE, [])).toBeNull();
  });

  it('checks the nonce, keeps the command from its stdin, and reaps with builtins before it prints', () => {
    const script = wrapperScript(['/workspace', '/tmp']);
    expect(script).toContain('"$@" < /dev/null');
    expect(script).toContain("*[!0-9a-f]*) exit 97");
    // The kill loop comes before the trailer opens: nothing of the command is alive to write into it.
    expect(script.indexOf('kill -9 -1')).toBeLessThan(script.indexOf('trailer'));
    expect(script).toContain('/workspace /tmp');
  });

  it("puts the wrapper's shell in place execute-only, before the receiver says ready", () => {
    const script = receiverScript();
    expect(script.indexOf('chmod 0111')).toBeLessThan(script.indexOf('echo ready'));
    expect(script).toContain('tar -x --no-same-owner');
  });
});
