/** The HTTP status of each error code of the one error view (see app/views/error-view.ts). */
import type { ErrorCode } from '../app/views/error-view.js';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  project_unusable: 422,
  internal: 500,
  engine_unavailable: 503,
  storage_unavailable: 503,
  queue_full: 503,
  too_many_requests: 429,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}
