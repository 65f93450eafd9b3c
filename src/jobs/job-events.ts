/**
 * A job run's events, as every follower sees them (GET /v1/jobs/{id}/events, `jobs log --follow`,
 * `jobs run`, MCP run_job): one zod schema, a union on `type`. The run emits bodies; the store
 * numbers them per run (`seq`, only growing, the same for every process sharing the database) as
 * it keeps them, so a follower anywhere resumes after the last seq it received.
 */
import { z } from 'zod';
import { JobStatus } from './job-model.js';

export const LOG_STREAMS = ['stdout', 'stderr'] as const;
export type LogStream = (typeof LOG_STREAMS)[number];

const stamp = { seq: z.number().int().min(1), runId: z.string() };

export const JobStatusEvent = z.object({ ...stamp, type: z.literal('status'), status: JobStatus });
export type JobStatusEvent = z.infer<typeof JobStatusEvent>;

/**
 * Output of the script as it came, one stream's consecutive bytes (at most MAX_LOG_CHUNK_BYTES).
 * `truncated`: the live log of this stream stops after this event (its bound reached); the rest
 * is not kept live, and the run's result keeps the log's tail as always.
 */
export const JobLogEvent = z.object({ ...stamp, type: z.literal('log'), stream: z.enum(LOG_STREAMS), text: z.string(), truncated: z.boolean() });
export type JobLogEvent = z.infer<typeof JobLogEvent>;

export const JobRunEvent = z.discriminatedUnion('type', [JobStatusEvent, JobLogEvent]);
export type JobRunEvent = z.infer<typeof JobRunEvent>;

type Unstamped<E> = E extends unknown ? Omit<E, 'seq' | 'runId'> : never;
/** An event as the run emits it, before the store numbers it. */
export type JobRunEventBody = Unstamped<JobRunEvent>;
export const JobRunEventBody = z.discriminatedUnion('type', [JobStatusEvent.omit({ seq: true, runId: true }), JobLogEvent.omit({ seq: true, runId: true })]);
