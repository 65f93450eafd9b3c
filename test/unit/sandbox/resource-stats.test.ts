import { describe, expect, it } from 'vitest';
import { NO_STATS, parseStats } from '../../../src/sandbox/resource-stats.js';

/** Shaped like GET /containers/{id}/stats?stream=false from a cgroup v1 engine (trimmed). */
const CGROUP_V1_STATS = {
  read: '2024-05-01T10:00:00.123456789Z',
  preread: '0001-01-01T00:00:00Z',
  pids_stats: { current: 3 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 8192 },
      { major: 8, minor: 0, op: 'Sync', value: 12288 },
      { major: 8, minor: 0, op: 'Async', value: 0 },
      { major: 8, minor: 0, op: 'Total', value: 12288 },
      { major: 8, minor: 16, op: 'Read', value: 1000 },
      { major: 8, minor: 16, op: 'Write', value: 24 },
    ],
    io_serviced_recursive: [{ major: 8, minor: 0, op: 'Read', value: 1 }],
    io_queue_recursive: [],
  },
  num_procs: 0,
  storage_stats: {},
  cpu_stats: {
    cpu_usage: { total_usage: 1_523_456_789, percpu_usage: [1_000_000_000, 523_456_789], usage_in_kernelmode: 120_000_000, usage_in_usermode: 1_300_000_000 },
    system_cpu_usage: 9_876_543_210_000,
    online_cpus: 2,
    throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
  },
  precpu_stats: { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } },
  memory_stats: { usage: 30_000_000, max_usage: 52_428_800, stats: { cache: 1_000_000, rss: 20_000_000 }, limit: 1_073_741_824 },
  name: '/patchproof-run-1',
  id: 'f'.repeat(64),
  networks: { eth0: { rx_bytes: 0, tx_bytes: 0 } },
};

describe('parseStats', () => {
  it('reads CPU time, peak memory and summed read and write bytes from cgroup v1 stats', () => {
    expect(parseStats(CGROUP_V1_STATS)).toEqual({ cpuNanos: 1_523_456_789, peakMemoryBytes: 52_428_800, ioReadBytes: 5096, ioWriteBytes: 8216 });
  });

  it('reads the lower-case op names cgroup v2 engines report, with no peak memory', () => {
    const v2 = {
      cpu_stats: { cpu_usage: { total_usage: 77 } },
      memory_stats: { usage: 123, stats: {} },
      blkio_stats: { io_service_bytes_recursive: [{ major: 254, minor: 0, op: 'read', value: 10 }, { major: 254, minor: 0, op: 'write', value: 20 }] },
    };
    expect(parseStats(v2)).toEqual({ cpuNanos: 77, peakMemoryBytes: null, ioReadBytes: 10, ioWriteBytes: 20 });
  });

  it('gives null I/O when the engine reports no block I/O list, and zero when the list is empty', () => {
    expect(parseStats({ blkio_stats: { io_service_bytes_recursive: null } })).toMatchObject({ ioReadBytes: null, ioWriteBytes: null });
    expect(parseStats({ blkio_stats: { io_service_bytes_recursive: [] } })).toMatchObject({ ioReadBytes: 0, ioWriteBytes: 0 });
  });

  it('treats zero CPU and zero peak memory as not measured', () => {
    expect(parseStats({ cpu_stats: { cpu_usage: { total_usage: 0 } }, memory_stats: { max_usage: 0 } })).toMatchObject({ cpuNanos: null, peakMemoryBytes: null });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'stats'],
    ['a number', 42],
    ['an array', [1, 2]],
    ['an empty object', {}],
    ['a non-numeric CPU total', { cpu_stats: { cpu_usage: { total_usage: '1523' } }, memory_stats: { max_usage: 5 } }],
    ['an I/O list that is not a list', { blkio_stats: { io_service_bytes_recursive: 'Read 4096' } }],
    ['I/O entries without an op', { blkio_stats: { io_service_bytes_recursive: [{ value: 1 }] } }],
  ])('gives all nulls for %s', (_what, raw) => {
    expect(parseStats(raw)).toEqual({ cpuNanos: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null });
  });

  it('exports the all-null value it returns for unreadable stats', () => {
    expect(NO_STATS).toEqual({ cpuNanos: null, peakMemoryBytes: null, ioReadBytes: null, ioWriteBytes: null });
    expect(parseStats('garbage')).toEqual(NO_STATS);
  });
});
