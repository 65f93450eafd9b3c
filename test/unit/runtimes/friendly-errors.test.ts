/**
 * Each runtime's error mapping on output captured from its own image (templates/runtimes/):
 * the type and message first, the user's file and line, our wrapper lines and the tools' own
 * frames removed; a clean exit gives no error.
 */
import { describe, expect, it } from 'vitest';
import { bashError } from '../../../src/runtimes/bash/bash-errors.js';
import { goError } from '../../../src/runtimes/go/go-errors.js';
import { javaError } from '../../../src/runtimes/java/java-errors.js';
import { nodeError } from '../../../src/runtimes/javascript/node-errors.js';
import { phpError } from '../../../src/runtimes/php/php-errors.js';
import { pythonError } from '../../../src/runtimes/python/python-errors.js';
import type { RunOutput } from '../../../src/runtimes/runtime.js';
import { rubyError } from '../../../src/runtimes/ruby/ruby-errors.js';
import { rustError } from '../../../src/runtimes/rust/rust-errors.js';
import { typescriptError } from '../../../src/runtimes/typescript/tsc-errors.js';

const run = (stderr: string, phase: RunOutput['phase'] = 'run', stdout = ''): RunOutput => ({ phase, stderr, stdout, exitCode: 1 });

describe('friendly errors', () => {
  it('python: the exception, its line in main.py, the path shortened', () => {
    const stderr = 'Traceback (most recent call last):\n  File "/workspace/code/main.py", line 2, in <module>\n    print(x / 0)\n          ~~^~~\nZeroDivisionError: division by zero\n';
    const error = pythonError(run(stderr));
    expect(error).toMatchObject({ type: 'ZeroDivisionError', message: 'division by zero', file: 'main.py', line: 2 });
    expect(error?.details).toBe('Traceback (most recent call last):\n  File "main.py", line 2, in <module>\n    print(x / 0)\n          ~~^~~\nZeroDivisionError: division by zero');
    expect(pythonError({ ...run(stderr), exitCode: 0 })).toBeNull();
  });

  it("python: a library's frames are dropped, the learner's kept", () => {
    const stderr = [
      'Traceback (most recent call last):',
      '  File "/workspace/code/main.py", line 3, in <module>',
      '    json.loads("{")',
      '  File "/usr/lib/python3.11/json/__init__.py", line 346, in loads',
      '    return _default_decoder.decode(s)',
      'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
    ].join('\n');
    const error = pythonError(run(stderr));
    expect(error).toMatchObject({ type: 'json.decoder.JSONDecodeError', file: 'main.py', line: 3 });
    expect(error?.details).not.toContain('/usr/lib');
  });

  it('python: a syntax error', () => {
    expect(pythonError(run('  File "/workspace/code/main.py", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n'))).toMatchObject({ type: 'SyntaxError', message: 'invalid syntax', file: 'main.py', line: 1 });
  });

  it("node: the error line first, node's internal frames and version line removed", () => {
    const stderr = [
      '/workspace/code/main.js:2',
      'null.x;',
      '     ^',
      '',
      "TypeError: Cannot read properties of null (reading 'x')",
      '    at Object.<anonymous> (/workspace/code/main.js:2:6)',
      '    at Module._compile (node:internal/modules/cjs/loader:1364:14)',
      '    at node:internal/main/run_main_module:28:49',
      '',
      'Node.js v18.20.4',
    ].join('\n');
    const error = nodeError(run(stderr));
    expect(error).toMatchObject({ type: 'TypeError', message: "Cannot read properties of null (reading 'x')", file: 'main.js', line: 2, column: 6 });
    expect(error?.details).toBe("TypeError: Cannot read properties of null (reading 'x')\n    at Object.<anonymous> (main.js:2:6)");
  });

  it('typescript: a tsc diagnostic, and a run-time error mapped to main.ts by source maps', () => {
    expect(typescriptError(run('', 'compile', "main.ts(2,7): error TS2322: Type 'number' is not assignable to type 'string'.\n"))).toMatchObject({ phase: 'compile', type: 'TS2322', file: 'main.ts', line: 2, column: 7 });
    const stderr = '/workspace/code/main.ts:2\n  throw new RangeError("too far");\n  ^\n\n\nRangeError: too far\n    at f (/workspace/code/main.ts:2:9)\n    at Object.<anonymous> (/workspace/code/main.ts:4:1)\n    at Module._compile (node:internal/modules/cjs/loader:1364:14)\n\nNode.js v18.20.4\n';
    expect(typescriptError(run(stderr))).toMatchObject({ phase: 'run', type: 'RangeError', message: 'too far', file: 'main.ts', line: 2, column: 9 });
  });

  it('ruby: an uncaught exception and a syntax error', () => {
    expect(rubyError(run("main.rb:2:in `<main>': nope (ArgumentError)\n"))).toMatchObject({ type: 'ArgumentError', message: 'nope', file: 'main.rb', line: 2 });
    expect(rubyError(run('main.rb:1: syntax error, unexpected end-of-input\ndef x\n     ^\n'))).toMatchObject({ type: 'SyntaxError', message: 'syntax error, unexpected end-of-input', file: 'main.rb', line: 1 });
  });

  it("go: a compile error without go's package line, and a panic at the learner's line", () => {
    const compile = goError(run('# command-line-arguments\n./main.go:4:7: undefined: undefinedThing\n', 'compile'));
    expect(compile).toMatchObject({ type: 'compile error', message: 'undefined: undefinedThing', file: 'main.go', line: 4, column: 7, details: 'main.go:4:7: undefined: undefinedThing' });
    const panic = goError(run('panic: runtime error: index out of range [3] with length 0\n\ngoroutine 1 [running]:\nmain.main()\n\t/workspace/code/main.go:5 +0x1a\n'));
    expect(panic).toMatchObject({ type: 'runtime error', message: 'index out of range [3] with length 0', file: 'main.go', line: 5 });
  });

  it('java: a javac error and an uncaught exception', () => {
    const compile = javaError(run('Main.java:3: error: cannot find symbol\n    int x = y;\n            ^\n  symbol:   variable y\n  location: class Main\n1 error\n', 'compile'));
    expect(compile).toMatchObject({ type: 'compile error', message: 'cannot find symbol', file: 'Main.java', line: 3 });
    const thrown = javaError(run('Exception in thread "main" java.lang.NullPointerException: Cannot invoke "Object.toString()" because "<local1>" is null\n\tat Main.main(Main.java:4)\n'));
    expect(thrown).toMatchObject({ type: 'NullPointerException', message: 'Cannot invoke "Object.toString()" because "<local1>" is null', file: 'Main.java', line: 4 });
  });

  it('bash: command not found and a syntax error, at their lines', () => {
    expect(bashError(run('main.sh: line 2: no_such_command_here: command not found\n'))).toMatchObject({ type: 'command not found', file: 'main.sh', line: 2 });
    expect(bashError(run("main.sh: line 3: syntax error near unexpected token `fi'\nmain.sh: line 3: `fi'\n"))).toMatchObject({ type: 'syntax error', line: 3 });
  });

  it("rust: a rustc error without its closing lines, and a panic at the learner's line", () => {
    const stderr = "error[E0425]: cannot find value `b` in this scope\n --> main.rs:3:20\n  |\n3 |     println!(\"{}\", b);\n  |                    ^ help: a local variable with a similar name exists: `a`\n\nerror: aborting due to previous error\n\nFor more information about this error, try `rustc --explain E0425`.\n";
    const compile = rustError(run(stderr, 'compile'));
    expect(compile).toMatchObject({ type: 'error[E0425]', message: 'cannot find value `b` in this scope', file: 'main.rs', line: 3, column: 20 });
    expect(compile?.details).not.toMatch(/aborting|--explain/);
    const panic = rustError(run("thread 'main' panicked at 'index out of bounds: the len is 0 but the index is 3', main.rs:4:20\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"));
    expect(panic).toMatchObject({ type: 'panic', message: 'index out of bounds: the len is 0 but the index is 3', file: 'main.rs', line: 4, column: 20 });
    expect(panic?.details).not.toContain('RUST_BACKTRACE');
  });

  it('php: an uncaught exception and a parse error, at their lines', () => {
    const thrown = phpError(run('PHP Fatal error:  Uncaught RuntimeException: nope in /workspace/code/main.php:3\nStack trace:\n#0 {main}\n  thrown in /workspace/code/main.php on line 3\n'.replace('PHP Fatal error:  ', 'Fatal error: ')));
    expect(thrown).toMatchObject({ type: 'RuntimeException', message: 'nope', file: 'main.php', line: 3 });
    expect(thrown?.details).not.toContain('/workspace/code/');
    const parse = phpError(run('Parse error: syntax error, unexpected variable "$a", expecting "," or ";" in /workspace/code/main.php on line 3\n'));
    expect(parse).toMatchObject({ type: 'ParseError', message: 'syntax error, unexpected variable "$a", expecting "," or ";"', file: 'main.php', line: 3 });
  });
});
