/**
 * A proposal's progress events as MCP progress notifications on the request that waits for it.
 * Sent only when the client gave a progressToken. Between events (a long test phase prints
 * nothing) a heartbeat repeats where things stand, so a client that resets its request timeout
 * on progress (the SDK's 60 s default) keeps waiting. `progress` only grows, as the spec asks.
 */
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { ProgressEvent } from '../progress/progress-event.js';

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

export interface ProgressBridge {
  /** One event, as a notification (and the heartbeat's text from now on). */
  event(event: ProgressEvent): void;
  stop(): void;
}

const MAX_MESSAGE = 500;

export function progressBridge(extra: ToolExtra, heartbeatMs: number): ProgressBridge {
  const token = extra._meta?.progressToken;
  if (token === undefined) return { event: () => undefined, stop: () => undefined };
  let progress = 0;
  let standing = 'submitted';
  const send = (message: string) => {
    progress += 1;
    // Best effort: a client gone mid-wait must not turn the verdict into an error.
    extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, message: message.slice(0, MAX_MESSAGE) } }).catch(() => undefined);
  };
  const timer = setInterval(() => send(`still waiting: ${standing}`), heartbeatMs);
  return {
    event(event) {
      const text = describe(event);
      if (event.type !== 'image_build_line' && event.type !== 'test_output_line') standing = text;
      send(text);
    },
    stop: () => clearInterval(timer),
  };
}

/** One line a person reads in a client's progress display. */
export function describe(event: ProgressEvent): string {
  switch (event.type) {
    case 'queued':
      return `queued: ${event.reason}`;
    case 'claimed':
      return `claimed by ${event.worker} (attempt ${event.attempt})`;
    case 'phase_started':
      return `${event.phase} started`;
    case 'phase_ended':
      return `${event.phase} ended after ${event.durationMs} ms`;
    case 'image_build_line':
      return `image: ${event.line}`;
    case 'test_output_line':
      return `test: ${event.line}`;
    case 'verdict':
      return `${event.outcome}: ${event.reason}`;
  }
}
