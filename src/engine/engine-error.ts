/**
 * What an engine call's failure was, decided once, here: the engine unreachable (no socket, a
 * refused or reset connection), the thing asked for missing (404), a conflict (409: already
 * stopped, already there), a call past its deadline (ENGINE_TIMEOUT from engine-deadline.ts), or
 * anything else. By status and error code, never by message text. Callers decide what each means
 * to them (a missing container at release is done; a missing base image means run setup).
 */
import { InfraError, type InfraCode } from '../errors/infra-error.js';

export type EngineFailure = 'unreachable' | 'missing' | 'conflict' | 'timeout' | 'other';

/** Socket-level codes of a connection to the engine that failed or was cut. */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'EACCES', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND']);

/** The HTTP status the engine answered with; null when it did not answer (or this is not an engine error). */
export function statusCode(error: unknown): number | null {
  if (typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number') return error.statusCode;
  return null;
}

export function engineFailure(error: unknown): EngineFailure {
  if (error instanceof InfraError) {
    if (error.code === 'ENGINE_TIMEOUT') return 'timeout';
    if (error.code === 'ENGINE_UNREACHABLE') return 'unreachable';
    return 'other';
  }
  const status = statusCode(error);
  if (status === 404) return 'missing';
  if (status === 409) return 'conflict';
  if (status !== null) return 'other';
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
  return code !== null && UNREACHABLE_CODES.has(code) ? 'unreachable' : 'other';
}

/**
 * The InfraError a failed engine call ends as: itself when it is one already (a deadline), else
 * ENGINE_UNREACHABLE when nothing answered, else `fallback` (what the call was for).
 */
export function engineInfraError(error: unknown, fallback: InfraCode, message: string, context: Readonly<Record<string, unknown>> = {}): InfraError {
  if (error instanceof InfraError) return error;
  const code = engineFailure(error) === 'unreachable' ? 'ENGINE_UNREACHABLE' : fallback;
  return new InfraError(code, message, context, { cause: error });
}
