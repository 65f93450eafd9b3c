/**
 * Ruby identities back into what the runners take. RSpec: the example id each identity starts
 * with (`spec/calc_spec.rb[1:2] Calc adds` → `spec/calc_spec.rb[1:2]`, parsers/rspec-json).
 * minitest: one -n filter naming every `Class#test_x` exactly, over all test files at once.
 */
import { baseIdentities, exactAlternation } from '../rerun-ids.js';

const EXAMPLE_ID = /^([^\s-][^\s]*\[\d+(?::\d+)*\])(?: |$)/;

export function rspecRerunArgs(ids: readonly string[]): string[] | null {
  const examples = new Set<string>();
  for (const id of baseIdentities(ids)) {
    const match = EXAMPLE_ID.exec(id);
    if (match?.[1] !== undefined) examples.add(match[1]);
  }
  return examples.size === 0 ? null : [...examples];
}

const MINITEST_ID = /^[A-Za-z_][\w:]*#[^'\s]+$/;

export function minitestRerunArgs(ids: readonly string[]): string[] | null {
  const names = baseIdentities(ids).filter((id) => MINITEST_ID.test(id));
  return names.length === 0 ? null : [`/${exactAlternation(names)}/`];
}
