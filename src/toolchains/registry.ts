/**
 * Every toolchain patchproof knows, in detection order: the first whose signals are present wins
 * unless --framework names one. One line per toolchain.
 */
import { pytestToolchain } from './python/pytest-toolchain.js';
import type { Toolchain } from './toolchain.js';

export const TOOLCHAINS: readonly Toolchain[] = [pytestToolchain];
