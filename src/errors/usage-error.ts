/**
 * Bad input at an edge (CLI arguments, a changes file, a request body, configuration): refused
 * before anything is written, with a message naming what was wrong. `code` says which kind, so
 * callers (the worker, the doors' error views) branch on it, never on the message text.
 */
export const INPUT_CODES = ['invalid_input', 'not_found', 'conflict', 'project_unusable', 'too_large'] as const;
export type InputCode = (typeof INPUT_CODES)[number];

export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: InputCode;
  /** The input field at fault (a flag, a body field), when one is. */
  readonly field: string | undefined;
  constructor(
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown; code?: InputCode; field?: string },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? 'invalid_input';
    this.field = options?.field;
  }
}
