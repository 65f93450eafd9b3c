/**
 * A followed job run's events (the same objects GET /v1/jobs/{id}/events sends) as MCP progress
 * notifications on the run_job request, when the client gave a progressToken: a status as
 * `status: running`, a log chunk as `stdout: <text>` (bounded), a cut live log said. `progress`
 * only grows, as the spec asks; a client gone mid-run does not turn the result into an error.
 */
import type { JobStreamEventView } from '../app/views/job-view.js';
import type { ToolExtra } from './progress-bridge.js';

const MAX_MESSAGE = 2_000;

export function jobProgress(extra: ToolExtra): (event: JobStreamEventView) => void {
  const token = extra._meta?.progressToken;
  if (token === undefined) return () => undefined;
  let progress = 0;
  return (event) => {
    const message = describe(event);
    if (message === null) return;
    progress += 1;
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, message: message.slice(0, MAX_MESSAGE) } }).catch(() => undefined);
  };
}

function describe(event: JobStreamEventView): string | null {
  switch (event.type) {
    case 'status':
      return `status: ${event.status}`;
    case 'log':
      return `${event.stream}: ${event.text}${event.truncated ? `\n(the live ${event.stream} stops here: past its bound; the result keeps its tail)` : ''}`;
    case 'end':
      return null;
  }
}
