/** What a door needs to watch progress: the sink interface use cases accept, and the event schema. */
export type { ProgressSink } from '../progress/progress-sink.js';
export type { ProgressEvent, ProgressEventBody } from '../progress/progress-event.js';
