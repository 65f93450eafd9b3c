/**
 * Byte counts, nanoseconds and epoch-millisecond timestamps pass 2^31: stored as bigint, read
 * back as numbers (PostgreSQL's driver returns bigint as a string).
 */
import type { ValueTransformer } from 'typeorm';

export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};

/** A timestamp column: epoch milliseconds, portable and free of time zones. */
export const epochMs = (name: string, nullable = false) => ({ name, type: 'bigint' as const, nullable, transformer: bigintNumber });
