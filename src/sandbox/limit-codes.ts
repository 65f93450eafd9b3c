/** The limits a sandboxed command can run into, each a code of its own (pipeline/limit-hit.ts says which was hit). */
export const LIMIT_CODES = ['oom', 'pids_limit', 'disk_full', 'cpu_time', 'timeout', 'output_limit'] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];
