/**
 * The one small interface progress goes through: the pipeline and the worker call `emit`; who
 * listens (a printer, the database tail, both) is the caller's choice. `emit` never throws and
 * never waits: progress must not slow or break a validation.
 */
import type { ProgressEventBody } from './progress-event.js';

export interface ProgressSink {
  emit(event: ProgressEventBody): void;
}

export const NO_PROGRESS: ProgressSink = { emit: () => undefined };

/** Every event to each sink; a sink that throws is ignored. */
export function fanOut(...sinks: readonly ProgressSink[]): ProgressSink {
  return {
    emit(event) {
      for (const sink of sinks) {
        try {
          sink.emit(event);
        } catch {
          // Progress is best effort: a broken listener must not end a validation.
        }
      }
    },
  };
}
