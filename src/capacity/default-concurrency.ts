/**
 * How many validations a worker runs at once when not told: one per core, and never more than
 * the memory can hold at each sandbox's memory limit (three quarters of it: the engine, the
 * worker and the image builds need the rest).
 *
 *   concurrency = max(1, min(cores, floor(0.75 * memory / PATCHPROOF_MEMORY_MB)))
 *
 * cores: the CPUs this process may use (os.availableParallelism, which follows affinity); memory:
 * the smaller of the host's and this process's cgroup limit (v2 memory.max, v1 limit_in_bytes).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

export interface Capacity {
  readonly cores: number;
  readonly memoryBytes: number;
}

const MEMORY_SHARE = 0.75;
const MAX = 64;

export function defaultConcurrency(capacity: Capacity, sandboxMemoryBytes: number): number {
  const byMemory = Math.floor((MEMORY_SHARE * capacity.memoryBytes) / sandboxMemoryBytes);
  return Math.max(1, Math.min(MAX, Math.floor(capacity.cores), byMemory));
}

export function hostCapacity(): Capacity {
  const limits = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'].map(readLimit).filter((n): n is number => n !== null);
  return { cores: availableParallelism(), memoryBytes: Math.min(totalmem(), ...limits) };
}

/** A cgroup limit in bytes; null when absent, unreadable or "max". */
function readLimit(path: string): number | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    const value = Number(text);
    return /^\d+$/.test(text) && Number.isSafeInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The configured concurrency, else the default above for this host. */
export function workerConcurrency(configured: number | undefined, sandboxMemoryMb: number, capacity: Capacity = hostCapacity()): number {
  return configured ?? defaultConcurrency(capacity, sandboxMemoryMb * 1024 * 1024);
}
