/**
 * Every toolchain patchproof knows, in detection order: the first whose signals are present wins
 * unless --framework names one; the others that matched are named in the reason. One line per
 * toolchain. rspec and minitest exclude each other (rspec when anything names it). jest before maven/go because JavaScript front-ends often sit beside a backend's
 * build file; pytest last because a stray tests/ folder is its weakest signal.
 */
import { goToolchain } from './go/go-toolchain.js';
import { jestToolchain } from './jest/jest-toolchain.js';
import { mavenToolchain } from './maven/maven-toolchain.js';
import { pytestToolchain } from './python/pytest-toolchain.js';
import { minitestToolchain } from './ruby/minitest-toolchain.js';
import { rspecToolchain } from './ruby/rspec-toolchain.js';
import type { Toolchain } from './toolchain.js';

export const TOOLCHAINS: readonly Toolchain[] = [
  jestToolchain,
  mavenToolchain,
  goToolchain,
  rspecToolchain,
  minitestToolchain,
  pytestToolchain,
];
