import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TESTS_TSCONFIG, WRITE_TESTS_TSCONFIG } from '../../../src/toolchains/jest/jest-typecheck.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-tsconfig-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const Config = z.object({ extends: z.string(), files: z.array(z.string()), include: z.array(z.string()), compilerOptions: z.object({ noEmit: z.boolean() }) });

describe('the tsconfig of what the tests reach', () => {
  it("lists the TypeScript test files jest would run, extending the project's config, and nothing else", async () => {
    const dir = await project({
      'tsconfig.json': '{}',
      'rollup.config.ts': "import { defineConfig } from 'rollup';\n",
      'src/index.ts': '',
      'src/index.test.ts': '',
      'src/__tests__/helper.ts': '',
      'src/__tests__/deep/io.spec.tsx': '',
      'src/__tests__/types.d.ts': '',
      'test/plain.test.js': '',
      '.git/x.test.ts': '',
      'coverage/y.test.ts': '',
    });
    await mkdir(join(dir, 'vendor'));
    await writeFile(join(dir, 'vendor', 'z.test.ts'), '');
    await symlink('vendor', join(dir, 'node_modules'));
    const said = execFileSync('node', ['-e', WRITE_TESTS_TSCONFIG], { cwd: dir, encoding: 'utf8' });
    expect(said).toBe('type-checking the 4 TypeScript test file(s) and what they import\n');
    const config = Config.parse(JSON.parse(await readFile(join(dir, TESTS_TSCONFIG), 'utf8')));
    expect(config.extends).toBe('../tsconfig.json');
    expect(config.include).toEqual([]);
    expect(config.compilerOptions.noEmit).toBe(true);
    // vendor/ is a project folder like any; node_modules, a symlink, is not followed.
    expect(config.files).toEqual(['../src/__tests__/deep/io.spec.tsx', '../src/__tests__/helper.ts', '../src/index.test.ts', '../vendor/z.test.ts']);
  });

  it('writes nothing, and removes an old one, when there is no TypeScript test file', async () => {
    const dir = await project({ 'tsconfig.json': '{}', 'src/index.ts': '', 'test/a.test.js': '', [TESTS_TSCONFIG]: '{}' });
    execFileSync('node', ['-e', WRITE_TESTS_TSCONFIG], { cwd: dir });
    await expect(readFile(join(dir, TESTS_TSCONFIG))).rejects.toThrow(/ENOENT/);
  });
});
