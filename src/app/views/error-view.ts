/**
 * The one shape of a refusal or failure on every door: `{error: {code, message, field?}}`.
 * Codes are stable (HTTP maps them to statuses, MCP to isError results); `field` names the input
 * at fault when one is.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'project_unusable',
  'too_large',
  'engine_unavailable',
  'storage_unavailable',
  'internal',
  // A network door's own refusals: no or a wrong token; a cross-site request; too many proposals
  // waiting; too many streams open.
  'unauthorized',
  'forbidden',
  'queue_full',
  'too_many_requests',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorView = z.object({
  error: z.object({ code: ErrorCode, message: z.string(), field: z.string().optional() }),
});
export type ErrorView = z.infer<typeof ErrorView>;
