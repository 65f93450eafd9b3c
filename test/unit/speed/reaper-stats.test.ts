import { describe, expect, it } from 'vitest';
import { parseReaperOutput, reaperScript } from '../../../src/sandbox/reaper.js';

const BASE = ['tasks 4', 'forks_refused 0', 'oom_kills 0', 'cpu_ns 5000', 'left 3', 'mount /workspace 4096 100 50 10 5'];

describe('the reaper reads the stats and the report folder in its own exec', () => {
  it('parses peak memory, block I/O and the measured folder', () => {
    const report = parseReaperOutput([...BASE, 'mem_peak 2048', 'io_read 10', 'io_write 20', 'folder entries 3 bytes 120', ''].join('\n'), 0);
    expect(report).toMatchObject({ cpuNanos: 5000, peakMemoryBytes: 2048, ioReadBytes: 10, ioWriteBytes: 20, folder: { exists: true, entries: 3, bytes: 120 } });
  });

  it('says absent for a missing folder, and null for what it was not asked or could not read', () => {
    expect(parseReaperOutput([...BASE, 'folder absent'].join('\n'), 0)?.folder).toEqual({ exists: false, entries: 0, bytes: 0 });
    const bare = parseReaperOutput(BASE.join('\n'), 0);
    expect(bare).toMatchObject({ folder: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null });
    expect(parseReaperOutput([...BASE, 'folder unreadable'].join('\n'), 0)?.folder).toBeNull();
  });

  it('measures only when asked', () => {
    expect(reaperScript(['/workspace'])).not.toContain('folder');
    expect(reaperScript(['/workspace'], '/workspace/.patchproof')).toContain("sed 's/^/folder /'");
  });
});
