/** How the service stands (`GET /v1/health`): engine, database, workers seen lately, the queue. */
import { z } from 'zod';

const Check = z.object({ ok: z.boolean(), message: z.string().nullable() });

export const HealthView = z.object({
  ok: z.boolean(),
  engine: Check,
  database: Check,
  workers: z.object({
    /** Worker identities that claimed or finished a validation within the last lease period, or run in this process. */
    seen: z.array(z.string()),
    inProcess: z.number().int(),
    leasePeriodS: z.number().int(),
  }),
  queue: z.object({
    /** Changes waiting for a worker: what maxPending (PATCHPROOF_MAX_PENDING) bounds. */
    pending: z.number().int(),
    /** Baselines waiting: the service's own work, queued with the first change that needs one, not counted against maxPending. */
    baselines: z.number().int(),
    running: z.number().int(),
    maxPending: z.number().int(),
  }),
});
export type HealthView = z.infer<typeof HealthView>;
