/**
 * Too many proposals waiting for a worker (PATCHPROOF_MAX_PENDING) to take a new one, or a whole
 * revalidation: neither the caller's input nor a failure of ours, but "come back later" (or "ask
 * for fewer", as the message says). Every door answers the same: code queue_full
 * (HTTP 503 with Retry-After, an MCP error result, the CLI's exit 2).
 */
export class QueueFull extends Error {
  override readonly name = 'QueueFull';
  constructor(
    message: string,
    readonly pending: number,
    readonly retryAfterS = 30,
  ) {
    super(message);
  }
}
