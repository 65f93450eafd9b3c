import { describe, expect, it } from 'vitest';
import { defaultConcurrency, workerConcurrency } from '../../../src/capacity/default-concurrency.js';

const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe('default worker concurrency: max(1, min(cores, floor(0.75 * memory / sandbox memory)))', () => {
  it('follows the cores when memory is plenty', () => {
    expect(defaultConcurrency({ cores: 2, memoryBytes: 24 * GIB }, 1024 * MIB)).toBe(2);
    expect(defaultConcurrency({ cores: 16, memoryBytes: 64 * GIB }, 1024 * MIB)).toBe(16);
  });

  it('is held down by memory: three quarters of it at each sandbox limit', () => {
    expect(defaultConcurrency({ cores: 16, memoryBytes: 4 * GIB }, 1024 * MIB)).toBe(3);
    expect(defaultConcurrency({ cores: 16, memoryBytes: 4 * GIB }, 512 * MIB)).toBe(6);
  });

  it('is at least one and at most 64', () => {
    expect(defaultConcurrency({ cores: 8, memoryBytes: 512 * MIB }, 1024 * MIB)).toBe(1);
    expect(defaultConcurrency({ cores: 256, memoryBytes: 1024 * GIB }, 256 * MIB)).toBe(64);
  });

  it('a configured value wins', () => {
    expect(workerConcurrency(5, 1024, { cores: 2, memoryBytes: GIB })).toBe(5);
    expect(workerConcurrency(undefined, 1024, { cores: 2, memoryBytes: 24 * GIB })).toBe(2);
  });
});
