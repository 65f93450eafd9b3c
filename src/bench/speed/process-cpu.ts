/**
 * CPU time (user + system, with reaped children) of the engine's processes, sampled from
 * /proc/<pid>/stat: dockerd, containerd and the per-container shims (runc runs as the shim's
 * child, so its time lands in the shim's reaped-children counters, beside the container's own
 * processes: those are counted by the container's cgroup, so runc is the children's part minus
 * that). A shim that exits between two samples loses its last slice. Sampling is synchronous and
 * its own CPU is kept apart, so the node process's figure is the worker's alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const KINDS: Record<string, string> = { dockerd: 'dockerd', containerd: 'containerd', 'containerd-shim': 'shim', runc: 'shim' };
const TICKS_PER_S = 100;
export const CHILDREN = 'shim children (runc + container processes)';

export class ProcessCpu {
  /** Per pid: its kind and the highest total seen (ticks), and what it had when first seen. */
  private readonly seen = new Map<number, { kind: string; first: number; last: number; atStart: boolean; container: string | null }>();
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  /** CPU microseconds this sampler spent in this process. */
  selfMicros = 0;

  start(everyMs = 100): void {
    this.sample();
    this.started = true;
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** `ours`: whether a shim's container is one of the run's (the machine is shared: others' shims are not counted). */
  stop(ours: (containerId: string) => boolean): Record<string, number> {
    if (this.timer !== null) clearInterval(this.timer);
    this.sample();
    const seconds: Record<string, number> = {};
    for (const p of this.seen.values()) {
      if (p.container !== null && !ours(p.container)) continue;
      // A process alive at the start is charged from then; a new one from zero.
      const used = p.atStart ? p.last - p.first : p.last;
      seconds[p.kind] = (seconds[p.kind] ?? 0) + used / TICKS_PER_S;
    }
    return seconds;
  }

  private sample(): void {
    const began = process.cpuUsage();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      } catch {
        continue;
      }
      const close = stat.lastIndexOf(')');
      const kind = KINDS[stat.slice(stat.indexOf('(') + 1, close)];
      if (kind === undefined) continue;
      const fields = stat.slice(close + 2).split(' ');
      // After the comm: utime, stime, cutime, cstime are fields 14..17 of the line (1-based).
      const own = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
      const children = Number(fields[13] ?? 0) + Number(fields[14] ?? 0);
      const container = kind === 'shim' ? this.shimContainer(name) : null;
      this.record(Number(name), kind, own, container);
      if (kind === 'shim') this.record(-Number(name), CHILDREN, children, container);
    }
    const used = process.cpuUsage(began);
    this.selfMicros += used.user + used.system;
  }

  private shimContainer(pid: string): string {
    const known = this.seen.get(Number(pid))?.container;
    if (known !== undefined && known !== null) return known;
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return args[args.indexOf('-id') + 1] ?? '';
    } catch {
      return '';
    }
  }

  private record(key: number, kind: string, total: number, container: string | null): void {
    const known = this.seen.get(key);
    if (known === undefined) this.seen.set(key, { kind, first: total, last: total, atStart: !this.started, container });
    else known.last = Math.max(known.last, total);
  }
}

/** Whole-machine CPU seconds (all cores, idle excluded) from /proc/stat. */
export async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return (v.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / TICKS_PER_S;
}
