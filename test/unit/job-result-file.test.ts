/** The job helper's result file, parsed: the helper's shape, or a clear problem for anything else. */
import { describe, expect, it } from 'vitest';
import { MAX_RESULT_BYTES, parseJobResult } from '../../src/jobs/job-result-file.js';

describe('parseJobResult', () => {
  it('reads what the helper wrote', () => {
    expect(parseJobResult('{"variables":{"a":"1"},"output":{"x":[1,2]},"condition":"go"}', {})).toEqual({ output: { x: [1, 2] }, condition: 'go', variables: { a: '1' } });
  });
  it('keeps the given variables when the script set nothing', () => {
    expect(parseJobResult('', { a: 'given' })).toEqual({ output: null, condition: null, variables: { a: 'given' } });
  });
  it('names garbage, a wrong shape and an oversized file as problems', () => {
    expect(parseJobResult('{nope', {})).toMatchObject({ problem: expect.stringMatching(/not JSON/) });
    expect(parseJobResult('[1]', {})).toMatchObject({ problem: expect.stringMatching(/not the helper's shape/) });
    expect(parseJobResult('{"variables":{"a":1}}', {})).toMatchObject({ problem: expect.stringMatching(/variables\.a/) });
    expect(parseJobResult('{"variables":{},"condition":"' + 'c'.repeat(201) + '"}', {})).toMatchObject({ problem: expect.stringMatching(/condition/) });
    expect(parseJobResult('{"variables":{},"extra":1}', {})).toMatchObject({ problem: expect.any(String) });
    expect(parseJobResult('x'.repeat(MAX_RESULT_BYTES + 1), {})).toMatchObject({ problem: expect.stringMatching(/larger than/) });
  });
});
