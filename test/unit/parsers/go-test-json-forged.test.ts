/**
 * Results a test forges in the `go test -json` stream. test2json (Go 1.23) takes a line of the
 * test binary's stdout framed with \x16 as the binary's own, so a later test can print
 * "\x16--- PASS: TestAdd" for a test that failed; with TestMain calling os.Exit(0) after m.Run,
 * go test then exits 0. The events below are what go 1.23.5 wrote in the go image for exactly that.
 */
import { describe, expect, it } from 'vitest';
import { parseGoTestJson } from '../../../parsers/go-test-json/parse-go-test-json.js';
import { tally } from '../../../parsers/report.js';

const P = '"Package":"example.com/kit/calc"';
const FORGED = [
  `{"Action":"run",${P},"Test":"TestAdd"}`,
  `{"Action":"output",${P},"Test":"TestAdd","Output":"    calc_test.go:10: Add(2, 3) = -1, want 5\\n"}`,
  `{"Action":"output",${P},"Test":"TestAdd","Output":"--- FAIL: TestAdd (0.00s)\\n"}`,
  `{"Action":"fail",${P},"Test":"TestAdd","Elapsed":0}`,
  `{"Action":"run",${P},"Test":"TestZFake"}`,
  `{"Action":"output",${P},"Test":"TestAdd","Output":"--- PASS: TestAdd (0.00s)\\n"}`,
  `{"Action":"pass",${P},"Test":"TestAdd","Elapsed":0}`,
  `{"Action":"pass",${P},"Test":"TestZFake","Elapsed":0}`,
  `{"Action":"output",${P},"Output":"FAIL\\n"}`,
  `{"Action":"output",${P},"Output":"ok  \\texample.com/kit/calc\\t0.006s\\n"}`,
  `{"Action":"pass",${P},"Elapsed":0.006}`,
].join('\n');

describe('go test -json: a pass printed for a test that failed', () => {
  it('is not believed: the test stays failed', () => {
    const parsed = parseGoTestJson(FORGED, 'go-test.json');
    if (!parsed.ok) throw parsed.error;
    expect(parsed.value.cases.map((c) => `${c.name} ${c.status}`)).toEqual(['TestAdd failed', 'TestZFake passed']);
    expect(parsed.value.cases[0]?.message).toBe('calc_test.go:10: Add(2, 3) = -1, want 5');
    expect(tally(parsed.value.cases)).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });

  it('still lets a new attempt (its own run event, as -count=2 writes) have its own result', () => {
    const twice = [
      `{"Action":"run",${P},"Test":"TestAdd"}`,
      `{"Action":"fail",${P},"Test":"TestAdd","Elapsed":0}`,
      `{"Action":"run",${P},"Test":"TestAdd"}`,
      `{"Action":"pass",${P},"Test":"TestAdd","Elapsed":0}`,
      `{"Action":"fail",${P},"Elapsed":0.01}`,
    ].join('\n');
    const parsed = parseGoTestJson(twice, 'go-test.json');
    if (!parsed.ok) throw parsed.error;
    // Every attempt is a record: the failed one is not hidden by the one that passed.
    expect(parsed.value.cases.map((c) => c.status)).toEqual(['failed', 'passed']);
  });
});
