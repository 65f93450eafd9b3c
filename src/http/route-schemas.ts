/** Error answers every route may give, by status, for the response schemas and the OpenAPI; and the body bound of routes that read none. */
import { ErrorView } from '../app/views/error-view.js';

const ERROR = ErrorView.describe('the one error shape: {error: {code, message, field?}}');

export function errorResponses<S extends number>(...statuses: S[]): Record<S | 401 | 500, typeof ERROR> {
  const out = { 401: ERROR, 500: ERROR } as Record<S | 401 | 500, typeof ERROR>;
  for (const s of statuses) out[s] = ERROR;
  return out;
}

/** Routes that read no body still get a small bound, not the proposals' one (the server's default). */
export const NO_BODY_LIMIT = 1024;
