/**
 * Too many runs going at once (PATCHPROOF_RUN_CONCURRENCY): neither the caller's input nor a
 * failure of ours, but "come back shortly". The doors answer queue_full with Retry-After.
 */
export class RunsBusy extends Error {
  override readonly name = 'RunsBusy';
  constructor(
    message: string,
    readonly retryAfterS = 1,
  ) {
    super(message);
  }
}
