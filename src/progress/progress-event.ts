/**
 * What someone watching a proposal sees, as it happens: one zod schema, a union on `type`. The
 * pipeline and the worker emit bodies (ProgressEventBody); the store numbers them (`seq`, per
 * proposal, only growing) and stamps `at`. The CLI prints them, and the HTTP event stream and MCP
 * progress notifications are meant to send the same objects.
 */
import { z } from 'zod';

const PHASES = ['baseline', 'image', 'container', 'apply', 'build', 'test', 'collect', 'rerun', 'cleanup'] as const;
export const ProgressPhase = z.enum(PHASES);

const stamp = { seq: z.number().int().min(1), at: z.string(), proposalId: z.string() };

export const ProgressEvent = z.discriminatedUnion('type', [
  z.object({ ...stamp, type: z.literal('queued'), reason: z.string() }),
  z.object({ ...stamp, type: z.literal('claimed'), validationId: z.string(), worker: z.string(), attempt: z.number().int() }),
  z.object({ ...stamp, type: z.literal('phase_started'), validationId: z.string(), phase: ProgressPhase }),
  z.object({ ...stamp, type: z.literal('phase_ended'), validationId: z.string(), phase: ProgressPhase, durationMs: z.number().int().min(0) }),
  z.object({ ...stamp, type: z.literal('image_build_line'), validationId: z.string(), line: z.string() }),
  z.object({ ...stamp, type: z.literal('test_output_line'), validationId: z.string(), line: z.string() }),
  z.object({
    ...stamp,
    type: z.literal('verdict'),
    validationId: z.string().nullable(),
    outcome: z.enum(['executed', 'rejected', 'error']),
    reasonCode: z.string(),
    reason: z.string(),
  }),
]);
export type ProgressEvent = z.infer<typeof ProgressEvent>;
export type ProgressEventType = ProgressEvent['type'];

type Unstamped<E> = E extends unknown ? Omit<E, 'seq' | 'at' | 'proposalId'> : never;
/** An event as emitted, before the store numbers it. */
export type ProgressEventBody = Unstamped<ProgressEvent>;
