/** Progress as followers see it (`proposals follow --json`, later SSE and MCP notifications): the core's own schema. */
export { ProgressEvent as ProgressEventView } from '../../progress/progress-event.js';
