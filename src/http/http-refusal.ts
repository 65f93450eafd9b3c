/**
 * A refusal only a network door makes (no token, a full queue, a replayed key with another body):
 * the error view's code and field, plus headers the client needs (WWW-Authenticate, Retry-After).
 */
import type { ErrorCode, ErrorView } from '../app/views/error-view.js';
import { statusOf } from './error-status.js';

export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { readonly field?: string; readonly headers?: Readonly<Record<string, string>> } = {},
  ) {
    super(message);
  }

  get status(): number {
    return statusOf(this.code);
  }

  get view(): ErrorView {
    return { error: { code: this.code, message: this.message, ...(this.options.field === undefined ? {} : { field: this.options.field }) } };
  }
}
