/** A distinct change per proposal of the example project: one more function in calc, so no two hash alike. */
import type { Change } from '../../changes/change.js';

export const CALC_MODULE = 'src/calc/__init__.py';

export function calcSource(n: number): string {
  return [
    '"""A tiny calculator: the project the quick start validates proposals against."""',
    '',
    '',
    'def add(a, b):',
    '    return a + b',
    '',
    '',
    'def div(a, b):',
    '    if b == 0:',
    '        raise ZeroDivisionError("b must not be zero")',
    '    return a / b',
    '',
    '',
    `def bench_${n}():`,
    `    return ${n}`,
    '',
  ].join('\n');
}

export function distinctChange(n: number): Change[] {
  return [{ kind: 'write', path: CALC_MODULE, content: Buffer.from(calcSource(n)) }];
}
