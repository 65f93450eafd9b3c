/**
 * Hello world and an error in each interpreted runtime, through the run use case on the real
 * engine: the output, the exit code, and the error mapped to the user's file and line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';

describe('interpreted runtimes', () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await runtimeContext();
    await ensureImages(ctx, ['python', 'javascript', 'ruby', 'bash', 'php']);
  }, IMAGE_BUILD_MS);
  afterAll(async () => closeAndCheck(ctx));

  const cases = [
    { language: 'python', hello: 'print("hello")', bad: 'x = 1\nprint(x / 0)\n', type: 'ZeroDivisionError', line: 2 },
    { language: 'javascript', hello: 'console.log("hello")', bad: 'const a = 1;\nnull.x;\n', type: 'TypeError', line: 2 },
    { language: 'ruby', hello: 'puts "hello"', bad: 'a = 1\nraise ArgumentError, "nope"\n', type: 'ArgumentError', line: 2 },
    { language: 'bash', hello: 'echo hello', bad: 'echo start\nno_such_command_here\n', type: 'command not found', line: 2 },
    { language: 'php', hello: '<?php echo "hello\\n";', bad: '<?php\n$a = 1;\nthrow new RuntimeException("nope");\n', type: 'RuntimeException', line: 3 },
  ] as const;

  for (const c of cases) {
    it(`${c.language}: hello world, then an error placed at the user's line`, async () => {
      const hello = await run(ctx, { language: c.language, code: c.hello });
      expect(hello.stdout).toBe('hello\n');
      expect(hello.exitCode).toBe(0);
      expect(hello.error).toBeNull();
      expect(hello.limitHit).toBeNull();

      const bad = await run(ctx, { language: c.language, code: c.bad });
      expect(bad.exitCode).not.toBe(0);
      expect(bad.error).toMatchObject({ phase: 'run', type: c.type, line: c.line });
      expect(bad.error?.file).toMatch(/^main\.\w+$/);
      expect(bad.error?.details).not.toContain('/workspace/code/');
    }, RUN_MS);
  }

  it('python reads the stdin it was given', async () => {
    const view = await run(ctx, { language: 'python', code: 'import sys\nprint(sys.stdin.read().upper())', stdin: 'abc' });
    expect(view.stdout).toBe('ABC\n');
  });

  it('a syntax error is named as one, at its line', async () => {
    const view = await run(ctx, { language: 'python', code: 'print(1)\ndef f(:\n' });
    expect(view.error).toMatchObject({ type: 'SyntaxError', file: 'main.py', line: 2 });
  });
});
