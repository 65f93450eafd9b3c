/** Hello world, a compile error and a run-time error per compiled runtime, with where each error must be placed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import type { RuntimeName } from '../../src/runtime-names.js';
import { closeAndCheck, ensureImages, IMAGE_BUILD_MS, run, RUN_MS, runtimeContext } from './runtime-harness.js';

export const COMPILED_CASES = [
  {
    language: 'typescript',
    hello: 'const who: string = "hello";\nconsole.log(who);\n',
    compileError: 'const n: number = 1;\nconst s: string = n;\n',
    compileType: 'TS2322',
    runError: 'function f(): never {\n  throw new RangeError("too far");\n}\nf();\n',
    runType: 'RangeError',
    runLine: 2,
  },
  {
    language: 'go',
    hello: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("hello")\n}\n',
    compileError: 'package main\n\nfunc main() {\n\tx := undefinedThing\n}\n',
    compileType: 'compile error',
    runError: 'package main\n\nfunc main() {\n\tvar a []int\n\t_ = a[3]\n}\n',
    runType: 'runtime error',
    runLine: 5,
  },
  {
    language: 'java',
    hello: 'public class Main {\n  public static void main(String[] a) {\n    System.out.println("hello");\n  }\n}\n',
    compileError: 'public class Main {\n  public static void main(String[] a) {\n    int x = y;\n  }\n}\n',
    compileType: 'compile error',
    runError: 'public class Main {\n  public static void main(String[] a) {\n    Object o = null;\n    o.toString();\n  }\n}\n',
    runType: 'NullPointerException',
    runLine: 4,
  },
  {
    language: 'rust',
    hello: 'fn main() {\n    println!("hello");\n}\n',
    compileError: 'fn main() {\n    let a = 1;\n    println!("{}", b);\n}\n',
    compileType: 'error[E0425]',
    runError: 'fn main() {\n    let v: Vec<i32> = Vec::new();\n    let i = v.len() + 3;\n    println!("{}", v[i]);\n}\n',
    runType: 'panic',
    runLine: 4,
  },
] as const;

/**
 * The cases of `languages`, each as one test: hello world, a compile error and a run-time error,
 * each at the user's line. Two files call it so their images build and run in parallel files.
 */
export function describeCompiled(languages: readonly string[], images: readonly RuntimeName[]): void {
  describe(`compiled runtimes: ${languages.join(' and ')}`, () => {
    let ctx: AppContext;
    beforeAll(async () => {
      ctx = await runtimeContext();
      await ensureImages(ctx, images);
    }, IMAGE_BUILD_MS);
    afterAll(async () => closeAndCheck(ctx));

    for (const c of COMPILED_CASES.filter((k) => languages.includes(k.language))) {
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
}
