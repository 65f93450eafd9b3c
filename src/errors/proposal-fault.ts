/**
 * A fault of the proposal itself, found before or while its tests run (a change that passes
 * through a symlink, deletes a file that does not exist, ...). It ends the validation as
 * `rejected` with `message` as the reason a person reads.
 */
export type FaultCode =
  | 'PATH_THROUGH_SYMLINK'
  | 'PATH_IS_DIRECTORY'
  | 'DELETE_MISSING'
  | 'PATCH_DOES_NOT_APPLY'
  | 'PATCH_FILE_MISSING'
  | 'PATCH_FILE_EXISTS'
  | 'PATCH_SEARCH_LIMIT'
  | 'PATH_IS_SYMLINK'
  /** The project declares a dependency no repository the image can use holds (a build failure). */
  | 'DEPENDENCY_UNAVAILABLE';

export class ProposalFault extends Error {
  override readonly name = 'ProposalFault';
  constructor(
    readonly code: FaultCode,
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
