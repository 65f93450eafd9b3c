/**
 * Bad input at an edge (CLI arguments, a changes file, configuration): refused before anything
 * is written, with a message naming what was wrong. The CLI exits 2.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
