/**
 * Hello world and an error in java and rust (typescript and go: hello-typed.test.ts): the compile
 * step's complaint mapped to the user's line, and a run-time failure mapped likewise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { COMPILED_CASES } from './compiled-cases.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';

const LANGUAGES: readonly string[] = ['java', 'rust'];

describe('compiled runtimes: java and rust', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext();
    await ensureImages(ctx, ['java', 'rust']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  const cases = COMPILED_CASES.filter((c) => LANGUAGES.includes(c.language));

  for (const c of cases) {
    it(`${c.language}: hello world, a compile error and a run-time error, each at the user's line`, async () => {
      const hello = await run(ctx, { language: c.language, code: c.hello });
      expect(hello.compile?.exitCode).toBe(0);
      expect(hello.stdout).toBe('hello\n');
      expect(hello.exitCode).toBe(0);

      const compile = await run(ctx, { language: c.language, code: c.compileError });
      expect(compile.compile?.exitCode).not.toBe(0);
      expect(compile.stdout).toBe('');
      expect(compile.error).toMatchObject({ phase: 'compile', type: c.compileType, line: c.compileError.split('\n').findIndex((l) => /undefinedThing|= y;|, b\)|: string = n/.test(l)) + 1 });

      const failing = await run(ctx, { language: c.language, code: c.runError });
      expect(failing.compile?.exitCode).toBe(0);
      expect(failing.exitCode).not.toBe(0);
      expect(failing.error).toMatchObject({ phase: 'run', type: c.runType, line: c.runLine });
    }, RUN_MS);
  }
});
