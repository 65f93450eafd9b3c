/** Byte and nanosecond counts pass 2^31: stored as bigint, read back as numbers (PostgreSQL returns strings). */
import type { ValueTransformer } from 'typeorm';

export const bigintNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: unknown) => (value === null || value === undefined ? null : Number(value)),
};
