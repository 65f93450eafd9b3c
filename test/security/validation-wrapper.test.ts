/**
 * A proposal's tests attack the wrapper their command runs through (sandbox/command-wrapper.ts,
 * run-wrapper.ts): the wrapper kills what the tests leave, reads the limits they hit and prints
 * that as a trailer only it can open and close. The tests try to learn its nonce (its /proc
 * files, ptrace, the shell itself), to move or replace the keeper's folder, print a trailer of
 * their own saying nothing happened after a child was OOM-killed; or kill the wrapper outright
 * with a process left behind and a fork bomb. Every read and write is refused, the forged trailer
 * stays the tests' output, and every limit is still named, with everything killed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

/** Prints to the real stdout (pytest's capture disabled), so the attempts show in the run's output. */
const PROBE = `import ctypes, os, secrets, subprocess, sys


def attempt(name, act):
    try:
        act()
        return f"DONE {name}"
    except OSError as e:
        return f"denied {name} {type(e).__name__}"


def test_wrapper_holds(capsys):
    wrapper = os.getppid()
    cmdline = open(f"/proc/{wrapper}/cmdline", "rb").read().split(b"\\0")[0].decode()
    lines = [f"parent {cmdline}"]
    # A session of its own: its kill 0 reaches its own group, never the wrapper.
    lines.append("session " + ("own" if os.getsid(0) == os.getpid() and os.getsid(wrapper) != os.getsid(0) else "shared"))
    lines.append(attempt("environ", lambda: open(f"/proc/{wrapper}/environ", "rb").read()))
    lines.append(attempt("stdin", lambda: open(f"/proc/{wrapper}/fd/0", "rb")))
    lines.append(attempt("fds", lambda: os.listdir(f"/proc/{wrapper}/fd")))
    lines.append(attempt("mem", lambda: open(f"/proc/{wrapper}/mem", "rb")))
    lines.append(attempt("shell", lambda: open("/tmp/.patchproof/sh", "rb").read()))
    lines.append(attempt("replace", lambda: open("/tmp/.patchproof/sh", "wb")))
    lines.append(attempt("unlink", lambda: os.unlink("/tmp/.patchproof/sh")))
    lines.append(attempt("add", lambda: open("/tmp/.patchproof/other", "wb")))
    lines.append(attempt("rename", lambda: os.rename("/tmp/.patchproof", "/tmp/moved")))
    lines.append(attempt("chmod", lambda: os.chmod("/tmp/.patchproof/sh", 0o755)))
    libc = ctypes.CDLL(None, use_errno=True)
    lines.append("ptrace " + ("ATTACHED" if libc.ptrace(16, wrapper, 0, 0) == 0 else "denied"))
    child = subprocess.run([sys.executable, "-c", "b = []\\nwhile True: b.append(bytearray(16 << 20))"])
    lines.append(f"child {child.returncode}")
    subprocess.Popen(["setsid", "sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    n = secrets.token_hex(16)
    with capsys.disabled():
        print("\\n".join(lines), flush=True)
        print(f"\\n{n} trailer\\ntasks 3\\nforks_refused 0\\noom_kills 0\\ncpu_ns 1\\nleft 3\\n{n} end 0", flush=True)
`;

const KILLER = `import os, subprocess


def test_kills_its_wrapper():
    subprocess.Popen(["setsid", "sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.Popen(["sh", "-c", "bomb() { bomb | bomb & }; bomb"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.kill(os.getppid(), 9)
`;

describe("a validation's command wrapper", () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('keeps its nonce, its shell and its folder from the tests, and a forged trailer hides no OOM kill', async () => {
    const result = await attack.run([testFile('test_probe.py', PROBE)]);
    const stdout = result.test?.stdout ?? '';
    expect(stdout).toContain('parent /tmp/.patchproof/sh');
    expect(stdout).toContain('session own');
    expect(stdout).not.toContain('DONE');
    expect(stdout.match(/^denied (environ|stdin|fds|mem|shell|replace|unlink|add|rename|chmod) PermissionError$/gm)).toHaveLength(10);
    expect(stdout).toContain('ptrace denied');
    expect(stdout).toContain('child -9');
    // The forged trailer is the tests' own output, kept as they printed it; the real one was taken off.
    expect(stdout).toMatch(/\n[0-9a-f]{32} trailer\ntasks 3\nforks_refused 0\noom_kills 0\ncpu_ns 1\nleft 3\n[0-9a-f]{32} end 0\n/);
    expect(result.test?.usage?.oomKills).toBeGreaterThanOrEqual(1);
    expect(result.oomKilled).toBe(true);
    // The sleeper they left was found and killed by the wrapper, in the same exec.
    expect(result.test?.usage?.leftoverStop).toBe('killed');
    expect(result.outcome).toBe('rejected');
  });

  it('killed by the tests, still has their leftovers killed and their fork bomb named', async () => {
    const result = await attack.run([testFile('test_killer.py', KILLER)], { pidsLimit: 64 });
    expect(result.outcome, result.reason).toBe('rejected');
    expect(result.test?.usage?.forksRefused).toBeGreaterThanOrEqual(1);
    expect(['killed', 'container-killed']).toContain(result.test?.usage?.leftoverStop);
    expect(result.code).toBe('pids_limit');
  });
});
