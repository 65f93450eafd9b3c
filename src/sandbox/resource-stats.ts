/**
 * What the container used, read from the engine's one-shot stats (cgroup v1 here; v2 has no
 * max_usage, so peak memory is null there). Parsed with zod: it is the engine's data, not ours.
 */
import { z } from 'zod';

export interface ResourceStats {
  readonly cpuNanos: number | null;
  readonly peakMemoryBytes: number | null;
  readonly ioReadBytes: number | null;
  readonly ioWriteBytes: number | null;
}

const ioEntry = z.looseObject({ op: z.string(), value: z.number() });
const statsSchema = z.looseObject({
  cpu_stats: z.looseObject({ cpu_usage: z.looseObject({ total_usage: z.number().optional() }).optional() }).optional(),
  memory_stats: z.looseObject({ max_usage: z.number().optional(), usage: z.number().optional() }).optional(),
  blkio_stats: z.looseObject({ io_service_bytes_recursive: z.array(ioEntry).nullable().optional() }).optional(),
});

export const NO_STATS: ResourceStats = { cpuNanos: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null };

export function parseStats(raw: unknown): ResourceStats {
  const parsed = statsSchema.safeParse(raw);
  if (!parsed.success) return NO_STATS;
  const io = parsed.data.blkio_stats?.io_service_bytes_recursive ?? null;
  const sum = (op: string) => (io === null ? null : io.filter((e) => e.op.toLowerCase() === op).reduce((a, e) => a + e.value, 0));
  const cpu = parsed.data.cpu_stats?.cpu_usage?.total_usage;
  const peak = parsed.data.memory_stats?.max_usage;
  return {
    cpuNanos: cpu === undefined || cpu === 0 ? null : cpu,
    peakMemoryBytes: peak === undefined || peak === 0 ? null : peak,
    ioReadBytes: sum('read'),
    ioWriteBytes: sum('write'),
  };
}
