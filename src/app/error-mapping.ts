/**
 * Any error a use case throws, as the one error view. Decided by class and code, never by the
 * message: input refusals keep their code and field; the engine and the database not answering
 * are told apart from anything else, which is `internal` (its message kept for the operator).
 */
import { InfraError, type InfraCode } from '../errors/infra-error.js';
import { InputError } from '../errors/input-error.js';
import { QueueFull } from '../errors/queue-full.js';
import { RunsBusy } from '../errors/runs-busy.js';
import type { ErrorCode, ErrorView } from './views/error-view.js';

const ENGINE: readonly InfraCode[] = ['ENGINE_UNREACHABLE', 'ENGINE_TIMEOUT', 'ENGINE_SETUP_FAILED', 'BASE_IMAGE_UNAVAILABLE'];

export function errorView(error: unknown): ErrorView {
  if (error instanceof InputError) {
    return { error: { code: error.code, message: error.message, ...(error.field === undefined ? {} : { field: error.field }) } };
  }
  if (isBusy(error)) return { error: { code: 'queue_full', message: error.message } };
  if (error instanceof InfraError) {
    const code: ErrorCode = ENGINE.includes(error.code) ? 'engine_unavailable' : error.code === 'STORAGE_FAILED' ? 'storage_unavailable' : 'internal';
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return { error: { code, message: `[${error.code}] ${error.message}${cause}` } };
  }
  return { error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
}

/** Whether the caller's input was at fault (CLI exit 2 either way; HTTP 4xx rather than 5xx). */
/** "Come back later": a full queue, or every run slot taken; neither the caller's fault nor ours. */
export function isBusy(error: unknown): error is QueueFull | RunsBusy {
  return error instanceof QueueFull || error instanceof RunsBusy;
}

/** Seconds a client told "come back later" should wait; null for other errors. */
export function retryAfterS(error: unknown): number | null {
  return isBusy(error) ? error.retryAfterS : null;
}

export function isRefusal(view: ErrorView): boolean {
  return ['invalid_input', 'not_found', 'conflict', 'project_unusable', 'too_large'].includes(view.error.code);
}
