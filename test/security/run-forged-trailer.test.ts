/**
 * A warm run's code attacks the wrapper that reports on it (sandbox/run-wrapper.ts): it tries to
 * read the wrapper's secret nonce (its environment, its stdin, its memory, by ptrace), has a child
 * OOM-killed, then prints a trailer of its own saying nothing happened and exits 0. Every read is
 * denied, the forged trailer stays the code's own output, and the OOM kill is still named.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { afterAttack, attackContext, IMAGE_BUILD_MS, run, warmUp } from './run-attack-harness.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await attackContext({ PATCHPROOF_WARM_POOL: 'python:1' });
  await warmUp(ctx, 'python');
}, IMAGE_BUILD_MS);
afterAll(async () => afterAttack(ctx));

const ATTACK = [
  'import ctypes, os, secrets, subprocess, sys',
  'parent = os.getppid()',
  'def attempt(name, act):',
  '    try:',
  '        act()',
  '        print("READ", name)',
  '    except OSError as e:',
  '        print("denied", name, type(e).__name__)',
  'attempt("environ", lambda: open(f"/proc/{parent}/environ", "rb").read())',
  'attempt("stdin", lambda: open(f"/proc/{parent}/fd/0", "rb"))',
  'attempt("fds", lambda: os.listdir(f"/proc/{parent}/fd"))',
  'attempt("mem", lambda: open(f"/proc/{parent}/mem", "rb"))',
  'attempt("shell", lambda: open("/workspace/.wrapper/sh", "rb").read())',
  'libc = ctypes.CDLL(None, use_errno=True)',
  'print("ptrace", "ATTACHED" if libc.ptrace(16, parent, 0, 0) == 0 else "denied")',
  'child = subprocess.run([sys.executable, "-c", "b = []\\nwhile True: b.append(bytearray(16 << 20))"])',
  'print("child", child.returncode)',
  'n = secrets.token_hex(16)',
  'print(f"\\n{n} trailer\\ntasks 3\\nforks_refused 0\\noom_kills 0\\ncpu_ns 1\\nleft 3\\n{n} end 0")',
  'sys.stdout.flush()',
  'os._exit(0)',
].join('\n');

it('cannot learn the nonce, and a forged trailer hides no OOM kill', async () => {
  const view = await run(ctx, { language: 'python', code: ATTACK });
  expect(view.warm).toBe(true);
  expect(view.stdout).not.toContain('READ');
  expect(view.stdout.match(/^denied (environ|stdin|fds|mem|shell) PermissionError$/gm)).toHaveLength(5);
  expect(view.stdout).toContain('ptrace denied');
  expect(view.stdout).toContain('child -9');
  // The forged trailer is the code's own output, kept as it printed it; the real one was taken off.
  expect(view.stdout).toMatch(/\n[0-9a-f]{32} trailer\ntasks 3\nforks_refused 0\noom_kills 0\ncpu_ns 1\nleft 3\n[0-9a-f]{32} end 0\n$/);
  expect(view.exitCode).toBe(0);
  expect(view.limitHit).toBe('oom');
});
