/**
 * jest's tests and test support. Tests: *.test.* and *.spec.* scripts and scripts under
 * __tests__/ (jest's default testMatch). Support: jest.config.*, the "jest" key of package.json
 * (compared, so a dependency bump is no edit of it), babel configuration (it transforms the tests),
 * __mocks__/ (loaded in place of modules), setupTests.* and jest.setup.* by convention, and the
 * files the configuration names as setup files, global set-up, environment, reporters, resolvers.
 */
import { z } from 'zod';
import { baseName, jsonKeysPart, partChanged } from '../config-parts.js';
import type { ProjectReader, TestFileRole, TestPaths, TouchedFile } from '../toolchain.js';

const SCRIPT = /\.[cm]?[jt]sx?$/;
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const CONFIG_FILE = /^jest\.config\.[cm]?[jt]s(on)?$/;
const BABEL_FILE = /^(babel\.config\.[cm]?[jt]s(on)?|\.babelrc(\.[cm]?[jt]s(on)?)?)$/;
const CONVENTIONAL_SETUP = /^(setupTests|jest\.setup|jest-setup)\.[cm]?[jt]sx?$/;
const NAMED_KEYS = ['setupFiles', 'setupFilesAfterEnv', 'globalSetup', 'globalTeardown', 'testEnvironment', 'reporters', 'resolver', 'testRunner', 'testSequencer', 'snapshotResolver', 'transform', 'moduleNameMapper'];
const PACKAGE_KEYS = ['jest', 'babel'];

/** package.json's "jest" and "babel" keys, as text. */
export function packageJsonPart(text: string | null): string {
  return jsonKeysPart(text, PACKAGE_KEYS);
}

/** Project paths named as strings in the configuration's hook keys ("<rootDir>/jest.setup.js" → "jest.setup.js"). */
export function namedSupportFiles(project: ProjectReader): Set<string> {
  const named = new Set<string>();
  const add = (value: string) => {
    const path = value.replace(/^<rootDir>\//, '').replace(/^\.\//, '');
    if (path !== '' && !path.startsWith('/') && !path.startsWith('..')) {
      named.add(path);
      // A module named without its extension ("./jest.setup").
      for (const ext of ['.js', '.ts', '.cjs', '.mjs', '.jsx', '.tsx']) named.add(`${path}${ext}`);
    }
  };
  const pkg = z.looseObject({ jest: z.unknown() }).safeParse(safeJson(project.text('package.json')));
  if (pkg.success) collectStrings(pkg.data.jest, add);
  collectStrings(safeJson(project.text('jest.config.json')), add);
  for (const name of ['jest.config.js', 'jest.config.ts', 'jest.config.cjs', 'jest.config.mjs']) {
    const text = project.text(name);
    if (text === null) continue;
    // A script config cannot be evaluated here: take the string literals after each hook key.
    const hooks = new RegExp(`\\b(${NAMED_KEYS.join('|')})\\b\\s*:\\s*(\\[[^\\]]*\\]|\\{[^}]*\\}|['"\`][^'"\`]*['"\`])`, 'g');
    for (const match of text.matchAll(hooks)) {
      for (const literal of (match[2] ?? '').matchAll(/['"`]([^'"`]+)['"`]/g)) add(literal[1] ?? '');
    }
  }
  return named;
}

function collectStrings(config: unknown, add: (value: string) => void): void {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return;
  const record = new Map(Object.entries(config));
  for (const key of NAMED_KEYS) walkStrings(record.get(key), add);
}

function walkStrings(value: unknown, add: (value: string) => void): void {
  if (typeof value === 'string') add(value);
  else if (Array.isArray(value)) for (const item of value) walkStrings(item, add);
  else if (typeof value === 'object' && value !== null) for (const item of Object.values(value)) walkStrings(item, add);
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Read once per project view, not once per touched file.
const namedCache = new WeakMap<ProjectReader, Set<string>>();

function namedFor(project: ProjectReader): Set<string> {
  let named = namedCache.get(project);
  if (named === undefined) {
    named = namedSupportFiles(project);
    namedCache.set(project, named);
  }
  return named;
}

function roleOf(file: TouchedFile, project: ProjectReader): TestFileRole | null {
  const name = baseName(file.path);
  const atRoot = !file.path.includes('/');
  if (atRoot && name === 'package.json') return partChanged(file.before, file.after, packageJsonPart) ? 'support' : null;
  if (CONFIG_FILE.test(name) || BABEL_FILE.test(name) || CONVENTIONAL_SETUP.test(name)) return 'support';
  if (/(^|\/)__mocks__\//.test(file.path)) return 'support';
  if (namedFor(project).has(file.path)) return 'support';
  if (!SCRIPT.test(name)) return null;
  return TEST_FILE.test(name) || /(^|\/)__tests__\//.test(file.path) ? 'test' : null;
}

export const jestTestPaths: TestPaths = { roleOf };
