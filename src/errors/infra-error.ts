/**
 * An infrastructure error: ours or the engine's, never the proposal's. A validation that ends in
 * one is recorded as `error` and may be retried; it is never turned into a rejection.
 * Callers branch on `code`, never on message text.
 */
export type InfraCode =
  | 'ENGINE_UNREACHABLE'
  /** An engine call or stream passed its deadline (engine-deadline.ts); `context.call` names it. */
  | 'ENGINE_TIMEOUT'
  | 'ENGINE_SETUP_FAILED'
  | 'BASE_IMAGE_UNAVAILABLE'
  | 'IMAGE_BUILD_FAILED'
  | 'CONTAINER_FAILED'
  | 'EXEC_FAILED'
  | 'ARCHIVE_FAILED'
  | 'PROJECT_CHANGED'
  /** The project's baseline could not be made (issue 11): proposals graded against it cannot be judged. */
  | 'BASELINE_FAILED'
  | 'STORAGE_FAILED'
  | 'LEASE_LOST'
  | 'ABORTED';

export class InfraError extends Error {
  override readonly name = 'InfraError';
  constructor(
    readonly code: InfraCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isInfraError(e: unknown): e is InfraError {
  return e instanceof InfraError;
}
