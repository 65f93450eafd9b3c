/** jest's tests and test support: file patterns, package.json's "jest" key, and the setup files configuration names. */
import { describe, expect, it } from 'vitest';
import { jestTestPaths, namedSupportFiles } from '../../../src/toolchains/jest/jest-test-paths.js';
import { project, rolesOf, touched } from './touched-file.js';

const PACKAGE = JSON.stringify({ name: 'app', version: '1.0.0', devDependencies: { jest: '^29' }, jest: { testEnvironment: 'node' } });

describe('jest test paths', () => {
  it('names tests by jest\'s default testMatch', () => {
    expect(rolesOf(jestTestPaths, ['src/sum.test.js', 'src/sum.spec.ts', 'src/__tests__/sum.js', 'src/App.test.tsx', 'src/sum.js', 'src/__tests__/data.json', 'docs/sum.test.md'])).toEqual({
      'src/sum.test.js': 'test',
      'src/sum.spec.ts': 'test',
      'src/__tests__/sum.js': 'test',
      'src/App.test.tsx': 'test',
      'src/sum.js': null,
      'src/__tests__/data.json': null,
      'docs/sum.test.md': null,
    });
  });

  it('names jest and babel configuration, mocks and conventional setup files as support', () => {
    expect(rolesOf(jestTestPaths, ['jest.config.js', 'jest.config.ts', 'packages/a/jest.config.json', 'babel.config.js', '.babelrc', 'src/__mocks__/fs.js', 'src/setupTests.ts', 'jest.setup.js'])).toEqual({
      'jest.config.js': 'support',
      'jest.config.ts': 'support',
      'packages/a/jest.config.json': 'support',
      'babel.config.js': 'support',
      '.babelrc': 'support',
      'src/__mocks__/fs.js': 'support',
      'src/setupTests.ts': 'support',
      'jest.setup.js': 'support',
    });
  });

  it('counts package.json only when its "jest" or "babel" key changes', () => {
    const bumped = PACKAGE.replace('"1.0.0"', '"1.1.0"').replace('^29', '^29.7');
    const hooked = PACKAGE.replace('"testEnvironment":"node"', '"testEnvironment":"node","setupFiles":["./hook.js"]');
    expect(jestTestPaths.roleOf(touched('package.json', bumped, PACKAGE), project())).toBeNull();
    expect(jestTestPaths.roleOf(touched('package.json', hooked, PACKAGE), project())).toBe('support');
    // Not JSON: any edit counts, since what jest would make of it cannot be told.
    expect(jestTestPaths.roleOf(touched('package.json', '{ broken', PACKAGE), project())).toBe('support');
    expect(jestTestPaths.roleOf(touched('web/package.json', bumped, PACKAGE), project())).toBeNull();
  });

  it('finds the setup files, environment and reporters the configuration names, in JSON or in a script', () => {
    const pkg = JSON.stringify({ jest: { setupFiles: ['<rootDir>/test/setup-env.js'], reporters: ['default', ['./tools/reporter.js', { verbose: true }]] } });
    const script = "module.exports = {\n  setupFilesAfterEnv: ['./test/after-env'],\n  globalSetup: './test/global.ts',\n  testEnvironment: 'node',\n};\n";
    const named = namedSupportFiles(project({ 'package.json': pkg, 'jest.config.js': script }));
    for (const path of ['test/setup-env.js', 'tools/reporter.js', 'test/after-env.js', 'test/global.ts']) expect(named.has(path)).toBe(true);
    const view = project({ 'package.json': pkg, 'jest.config.js': script });
    expect(rolesOf(jestTestPaths, ['test/setup-env.js', 'test/after-env.ts', 'test/global.ts', 'tools/reporter.js', 'test/util.js'], view)).toEqual({
      'test/setup-env.js': 'support',
      'test/after-env.ts': 'support',
      'test/global.ts': 'support',
      'tools/reporter.js': 'support',
      'test/util.js': null,
    });
  });
});
