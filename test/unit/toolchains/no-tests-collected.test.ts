/** "No tests collected" is a toolchain's reading of its own runner's exit code, not the grade's. */
import { describe, expect, it } from 'vitest';
import { withTestCommand } from '../../../src/toolchains/custom-test-command.js';
import { pytestToolchain } from '../../../src/toolchains/python/pytest-toolchain.js';
import { TOOLCHAINS } from '../../../src/toolchains/registry.js';

describe('Toolchain.noTestsCollected', () => {
  it('is pytest’s exit code 5, and no other of its codes', () => {
    expect([0, 1, 2, 3, 4, 5, null].map((code) => pytestToolchain.noTestsCollected?.(code))).toEqual([false, false, false, false, false, true, false]);
  });

  it('is pytest’s alone among the registered toolchains', () => {
    const saying = TOOLCHAINS.filter((t) => t.noTestsCollected?.(5) === true).map((t) => t.name);
    expect(saying).toEqual(['pytest']);
  });

  it('stays with the toolchain under a project’s own test command', () => {
    expect(withTestCommand(pytestToolchain, 'python3 -m pytest').noTestsCollected?.(5)).toBe(true);
  });
});
