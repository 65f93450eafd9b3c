import { describe, expect, it } from 'vitest';
import { goLines, readTrailer, receiverScript, TRAILER_MAX_BYTES, trailerMarker, wrapperScript } from '../../../src/sandbox/run-wrapper.js';
import { TrailerSplitter } from '../../../src/sandbox/trailer-splitter.js';

const NONCE = '0123456789abcdef0123456789abcdef';
const OTHER = 'ffffffffffffffffffffffffffffffff';
const reading = (nonce: string, exit: number) =>
  `${trailerMarker(nonce)}${exit}\ntasks 5\nforks_refused 2\noom_kills 1\ncpu_ns 1500\nleft 3\nmount /workspace 4096 100 50 1000 900\nmem_peak 2048\n${nonce} end\n`;

/** The output as the splitter takes it, in chunks of `size` bytes (a marker may straddle two). */
function split(output: string, nonce: string, size = 7, max = TRAILER_MAX_BYTES) {
  const splitter = new TrailerSplitter(trailerMarker(nonce), max);
  const bytes = Buffer.from(output);
  const own: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) own.push(splitter.push(bytes.subarray(at, at + size)));
  own.push(splitter.end());
  return { stdout: Buffer.concat(own).toString(), trailer: readTrailer(splitter.text(), nonce), seen: splitter.markerSeen };
}

describe("the wrapper's trailer", () => {
  it('is taken off the output, whatever the chunks, and read like the reaper', () => {
    for (const size of [1, 3, 7, 64, 10_000]) {
      const { stdout, trailer } = split(`hello\n${reading(NONCE, 3)}`, NONCE, size);
      expect(stdout).toBe('hello\n');
      expect(trailer).toMatchObject({ exitCode: 3, report: { tasksBefore: 5, tasksAfter: 3, forksRefused: 2, oomKills: 1, cpuNanos: 1500, peakMemoryBytes: 2048 } });
      expect(trailer.report?.mounts).toEqual([{ path: '/workspace', sizeBytes: 409600, freeBytes: 204800, totalInodes: 1000, freeInodes: 900 }]);
    }
  });

  it('keeps output without a final newline whole, and output that only looks like a marker\'s start', () => {
    expect(split(`no newline${reading(NONCE, 0)}`, NONCE).stdout).toBe('no newline');
    const lookalike = `a\n${NONCE.slice(0, 20)}`;
    expect(split(lookalike, NONCE, 2)).toMatchObject({ stdout: lookalike, seen: false, trailer: { report: null, exitCode: null } });
  });

  it("is the one with the nonce: a trailer printed by the code is the code's output", () => {
    const forged = reading(OTHER, 0).replace('oom_kills 1', 'oom_kills 0');
    const { stdout, trailer } = split(`x${forged}${reading(NONCE, 1)}`, NONCE);
    expect(stdout).toBe(`x${forged}`);
    expect(trailer).toMatchObject({ exitCode: 1, report: { oomKills: 1 } });
    expect(split(`x${forged}`, NONCE).trailer).toEqual({ report: null, exitCode: null });
    // A newline ending a chunk is the command's at once (live progress is never a line late).
    const splitter = new TrailerSplitter(trailerMarker(NONCE), TRAILER_MAX_BYTES);
    expect(splitter.push(Buffer.from('first\n')).toString()).toBe('first\n');
  });

  it('cut short (the wrapper died while printing it) is taken off; its exit code stands, its reading is not believed', () => {
    const cut = reading(NONCE, 2).split('left')[0] ?? '';
    expect(split(`out${cut}`, NONCE)).toMatchObject({ stdout: 'out', trailer: { report: null, exitCode: 2 } });
    // Closed, but with what the reaper would not print: nothing of the reading is trusted.
    expect(split(`out${trailerMarker(NONCE)}0\ngarbage\n${NONCE} end\n`, NONCE)).toMatchObject({ stdout: 'out', trailer: { report: null, exitCode: 0 } });
    // Anything after the closing line means it was not the end of the output.
    expect(split(`out${reading(NONCE, 0)}more\n`, NONCE).trailer).toEqual({ report: null, exitCode: 0 });
    // Without the exit code on the opening line, nothing at all.
    expect(split(`out${trailerMarker(NONCE)}\ntasks 3\n`, NONCE).trailer).toEqual({ report: null, exitCode: null });
  });

  it('past its bound is dropped and read as none', () => {
    const { stdout, trailer } = split(`out${reading(NONCE, 0)}`, NONCE, 7, 40);
    expect(stdout).toBe('out');
    expect(trailer).toEqual({ report: null, exitCode: null });
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
    const script = wrapperScript(['/workspace', '/tmp'], { measure: '/workspace/.patchproof/reports', after: 'rm -rf /workspace/x' });
    expect(script).toContain('exec /usr/bin/setsid "$@" 2>&3 3>&- < /dev/null');
    // Measuring and clearing come after the kill too, inside the trailer.
    expect(script.indexOf("sed 's/^/folder /'")).toBeGreaterThan(script.indexOf('trailer'));
    expect(script.indexOf('rm -rf /workspace/x')).toBeGreaterThan(script.indexOf('trailer'));
    expect(script).toContain("*[!0-9a-f]*) exit 97");
    // The kill loop comes before the trailer opens, and it opens only if everything was killed:
    // nothing of the command is alive to read the marker or write into the trailer.
    const opening = script.indexOf('trailer %s');
    expect(script.indexOf('kill -9 -1')).toBeLessThan(opening);
    expect(script.indexOf('[ "$now" -le 3 ] || exit $code')).toBeLessThan(opening);
    expect(script.indexOf('[ "$now" -le 3 ] || exit $code')).toBeGreaterThan(script.indexOf('kill -9 -1'));
    // The wrapper's own stderr goes nowhere; the command's is fd 3, closed for the command.
    expect(script).toContain('exec 3>&2 2>/dev/null');
    expect(script).toContain('/workspace /tmp');
  });

  it("puts the wrapper's shell in place execute-only, before the receiver says ready", () => {
    const script = receiverScript();
    expect(script.indexOf('chmod 0111')).toBeLessThan(script.indexOf('echo ready'));
    expect(script).toContain('tar -x --no-same-owner');
  });
});
