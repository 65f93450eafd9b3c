/**
 * The build step of a TypeScript project judges only what its tests compile: tsc over a tsconfig
 * of ours that extends the project's and lists its TypeScript test files (jest's default
 * testMatch: *.test.* / *.spec.* and files under __tests__/), so tsc checks them and every file
 * they import, with the project's compiler options, and nothing else. A stray file the tests
 * never reach (a rollup.config.ts whose rollup is not installed, a script) cannot fail the build.
 * The config is written under .patchproof/ (refused in changes, never in the image), one folder
 * below the workspace, so tsc's automatic @types lookup still walks up through the project's
 * node_modules. No TypeScript test file: nothing is checked. Symlinked folders are not followed:
 * the workspace's dependency folder is only ever the image's symlink (the snapshot leaves any
 * real one out).
 */

/** Where the generated config lives, relative to the workspace. */
export const TESTS_TSCONFIG = '.patchproof/tsconfig.tests.json';

/** Node program (run in /workspace) that writes TESTS_TSCONFIG, or removes it when there is no test file. */
export const WRITE_TESTS_TSCONFIG = `
const fs = require('fs');
const path = require('path');
const SKIP = new Set(['.git', '.hg', '.svn', '.patchproof', 'coverage']);
const TS = /\\.(c|m)?tsx?$/;
const TEST = /\\.(test|spec)\\.(c|m)?tsx?$/;
const found = [];
function walk(dir, inTests) {
  let entries;
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const rel = dir === '.' ? e.name : dir + '/' + e.name;
    if (e.isDirectory()) { if (!SKIP.has(e.name)) walk(rel, inTests || e.name === '__tests__'); }
    else if (e.isFile() && TS.test(e.name) && !e.name.endsWith('.d.ts') && (inTests || TEST.test(e.name))) found.push(rel);
  }
}
walk('.', false);
const out = ${JSON.stringify(TESTS_TSCONFIG)};
if (found.length === 0) { fs.rmSync(out, { force: true }); process.exit(0); }
fs.mkdirSync(path.dirname(out), { recursive: true });
const config = {
  extends: '../tsconfig.json',
  compilerOptions: { noEmit: true, incremental: false, composite: false },
  files: found.sort().map((f) => '../' + f),
  include: [],
};
fs.writeFileSync(out, JSON.stringify(config, null, 2));
console.log('type-checking the ' + found.length + ' TypeScript test file(s) and what they import');
`;
