/**
 * CPU time (user + system, with reaped children) of the engine's processes, sampled from
 * /proc/<pid>/stat: dockerd, containerd and the per-container shims (runc runs as the shim's
 * child, so its time lands in the shim's reaped-children counters). A shim that exits between two
 * samples loses its last slice; sampled often, that is a few percent at most.
 */
import { readdir, readFile } from 'node:fs/promises';

const KINDS: Record<string, string> = { dockerd: 'dockerd', containerd: 'containerd', 'containerd-shim': 'shims', runc: 'shims' };
const TICKS_PER_S = 100;

export class ProcessCpu {
  /** Per pid: its kind and the highest total seen (ticks), and what it had when first seen. */
  private readonly seen = new Map<number, { kind: string; first: number; last: number; atStart: boolean }>();
  private timer: NodeJS.Timeout | null = null;
  private started = false;

  async start(everyMs = 50): Promise<void> {
    await this.sample();
    this.started = true;
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  async stop(): Promise<Record<string, number>> {
    if (this.timer !== null) clearInterval(this.timer);
    await this.sample();
    const seconds: Record<string, number> = {};
    for (const p of this.seen.values()) {
      // A process alive at the start is charged from then; a new one from zero.
      const used = p.atStart ? p.last - p.first : p.last;
      seconds[p.kind] = (seconds[p.kind] ?? 0) + used / TICKS_PER_S;
    }
    return seconds;
  }

  private async sample(): Promise<void> {
    const pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n));
    await Promise.all(
      pids.map(async (name) => {
        let stat: string;
        try {
          stat = await readFile(`/proc/${name}/stat`, 'utf8');
        } catch {
          return;
        }
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(stat.indexOf('(') + 1, close);
        const kind = KINDS[comm];
        if (kind === undefined) return;
        const fields = stat.slice(close + 2).split(' ');
        // After the comm: state is field 3; utime..cstime are fields 14..17 (1-based, whole line).
        const total = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
        const pid = Number(name);
        const known = this.seen.get(pid);
        if (known === undefined) this.seen.set(pid, { kind, first: total, last: total, atStart: !this.started });
        else known.last = Math.max(known.last, total);
      }),
    );
  }
}

/** Whole-machine CPU seconds (all cores, idle excluded) from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return (v.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / TICKS_PER_S;
}
