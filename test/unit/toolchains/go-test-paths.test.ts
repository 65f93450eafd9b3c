/** go test's tests and test support: *_test.go, a TestMain (before or after), testdata/. */
import { describe, expect, it } from 'vitest';
import { goTestPaths } from '../../../src/toolchains/go/go-test-paths.js';
import { project, rolesOf, touched } from './touched-file.js';

const TEST = 'package calc\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {}\n';
const WITH_MAIN = `${TEST}\nfunc TestMain(m *testing.M) {\n\tos.Exit(0)\n}\n`;

describe('Go test paths', () => {
  it('names *_test.go as tests, testdata/ as support, other Go as neither', () => {
    expect(rolesOf(goTestPaths, ['calc/calc_test.go', 'calc/calc.go', 'calc/testdata/golden.txt', 'testdata/in.json', 'cmd/main.go'])).toEqual({
      'calc/calc_test.go': 'test',
      'calc/calc.go': null,
      'calc/testdata/golden.txt': 'support',
      'testdata/in.json': 'support',
      'cmd/main.go': null,
    });
  });

  it('names a test file declaring TestMain as support, whether the change adds, keeps or removes it', () => {
    expect(goTestPaths.roleOf(touched('calc/main_test.go', WITH_MAIN, null), project())).toBe('support');
    expect(goTestPaths.roleOf(touched('calc/calc_test.go', WITH_MAIN, TEST), project())).toBe('support');
    expect(goTestPaths.roleOf(touched('calc/calc_test.go', TEST, WITH_MAIN), project())).toBe('support');
    expect(goTestPaths.roleOf(touched('calc/calc_test.go', null, WITH_MAIN), project())).toBe('support');
    expect(goTestPaths.roleOf(touched('calc/calc_test.go', `${TEST}// more\n`, TEST), project())).toBe('test');
  });
});
