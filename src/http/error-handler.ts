/**
 * Every failure of a request as the one error view, with its status: schema refusals name the
 * field (`changes.0.filepath`, `limit`, `idempotency-key`); fastify's own refusals (body too
 * large, not JSON) and use-case errors are mapped by code, never by message.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorView, retryAfterS } from '../app/error-mapping.js';
import type { ErrorView } from '../app/views/error-view.js';
import { InfraError } from '../errors/infra-error.js';
import { InputError } from '../errors/input-error.js';
import { statusOf } from './error-status.js';
import { HttpRefusal } from './http-refusal.js';

const BODY_REFUSALS: Readonly<Record<string, { status: number; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'the request body is larger than this route takes' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'the request body is not valid JSON (or names __proto__ or constructor.prototype)' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, message: 'the request body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, message: 'the request body must be application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, message: 'the request body does not match its Content-Length' },
};

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, view, headers } = describe(error, request.routeOptions.bodyLimit);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).headers(headers).send(view);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` } } satisfies ErrorView));
}

function describe(error: FastifyError, bodyLimit: number | undefined): { status: number; view: ErrorView; headers: Record<string, string> } {
  if (error instanceof HttpRefusal) return { status: error.status, view: error.view, headers: { ...error.options.headers } };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const path = (issue?.instancePath ?? '').split('/').filter((p) => p !== '').join('.');
    const field = path === '' ? (error.validationContext ?? 'body') : path;
    return { status: 400, view: { error: { code: 'invalid_input', message: `${field}: ${issue?.message ?? 'is invalid'}`, field } }, headers: {} };
  }
  if (isResponseSerializationError(error)) return { status: 500, view: { error: { code: 'internal', message: 'the answer did not match its schema (a defect of ours)' } }, headers: {} };
  const body = BODY_REFUSALS[error.code];
  if (body !== undefined) {
    const message = body.status === 413 && bodyLimit !== undefined ? `${body.message} (at most ${bodyLimit} bytes)` : body.message;
    return { status: body.status, view: { error: { code: body.status === 413 ? 'too_large' : 'invalid_input', message, field: 'body' } }, headers: {} };
  }
  // Fastify's own refusals of a request it could not read (a JSON syntax error, ...), by status.
  if (!(error instanceof InputError) && !(error instanceof InfraError) && typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode === 413 ? 413 : 400, view: { error: { code: error.statusCode === 413 ? 'too_large' : 'invalid_input', message: error.message, field: 'body' } }, headers: {} };
  }
  const view = errorView(error);
  const retryAfter = retryAfterS(error);
  return { status: statusOf(view.error.code), view, headers: retryAfter === null ? {} : { 'retry-after': String(retryAfter) } };
}
