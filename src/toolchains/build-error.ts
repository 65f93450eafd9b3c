/** One error a failed build printed, as its toolchain reads it: the line, and the key it is compared by against the baseline's (pipeline/build-errors.ts). */
export interface BuildError {
  readonly line: string;
  readonly key: string;
}
