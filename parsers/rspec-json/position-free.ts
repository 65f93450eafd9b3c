/**
 * RSpec's example id (`spec/calc_spec.rb[1:2]`) is the example's position among its siblings:
 * a test added above it, or one deleted before it, moves it to another id. The identity without
 * that position (`spec/calc_spec.rb Calc adds`) is how the same example is known again after
 * such an edit. Pure.
 */

/** `<file>.rb[1:2:1] <full description>`, the identity exampleIdentity makes. */
const RSPEC_IDENTITY = /^(\S+\.rb)\[\d+(?::\d+)*\] (.+)$/s;

/** The identity without its position; null for an identity that is not an RSpec example's. */
export function positionFreeIdentity(identity: string): string | null {
  const match = RSPEC_IDENTITY.exec(identity);
  return match === null ? null : `${match[1]} ${match[2]}`;
}
