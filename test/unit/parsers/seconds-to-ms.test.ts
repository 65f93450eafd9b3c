import { describe, expect, it } from 'vitest';
import { secondsToMs } from '../../../parsers/junit/seconds-to-ms.js';

describe('secondsToMs', () => {
  it.each([
    ['0.001', 1],
    ['0.000', 0],
    ['1.5', 1500],
    ['3.68e-05', 0.037],
    ['2,120.532', 2_120_532],
    ['1,000,000', 1_000_000_000],
    ['0,532', 532],
    [' 2 ', 2000],
  ])('%s s -> %s ms', (text, ms) => {
    expect(secondsToMs(text)).toBe(ms);
  });

  it.each([[undefined], [''], ['  '], ['NaN'], ['Infinity'], ['-1'], ['0x10'], ['1.2.3'], ['abc']])('%s -> null', (text) => {
    expect(secondsToMs(text)).toBeNull();
  });
});
