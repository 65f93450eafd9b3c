/**
 * Bad input, found by the core (a changes file, a diff, a project folder, a stored setting, a
 * name that matches nothing): refused before anything is written, with a message naming what was
 * wrong. `code` says which kind, so callers (the worker, the doors' error views) branch on it,
 * never on the message text. Each door maps it to its own answer (CLI exit 2, HTTP 4xx, an MCP
 * tool error); the door's own refusals are UsageError, a kind of this.
 */
export const INPUT_CODES = ['invalid_input', 'not_found', 'conflict', 'project_unusable', 'too_large'] as const;
export type InputCode = (typeof INPUT_CODES)[number];

export class InputError extends Error {
  override readonly name: string = 'InputError';
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
