/**
 * A test that tries to become more than the sandbox user: root, capabilities, setuid programs, new
 * namespaces, mounts, writes to the image, /proc/sys and the kernel's trigger files. Every way up
 * is closed: no capability in any set, no new privileges, seccomp filtering, read-only root.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const CLIMBER = `import os, subprocess
import pytest


def status():
    with open("/proc/self/status") as f:
        return dict(line.split(":\\t", 1) for line in f.read().splitlines() if ":\\t" in line)


def test_no_way_up():
    s = status()
    for field in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
        assert int(s[field], 16) == 0, field
    assert s["NoNewPrivs"].strip() == "1"
    assert s["Seccomp"].strip() == "2"
    assert (os.getuid(), os.geteuid(), os.getgid()) == (1000, 1000, 1000)
    with pytest.raises(PermissionError):
        os.setuid(0)
    # setuid programs do not raise privileges under no-new-privileges.
    assert subprocess.run(["su", "-c", "id", "root"], stdin=subprocess.DEVNULL, capture_output=True).returncode != 0
    assert subprocess.run(["unshare", "-r", "true"], capture_output=True).returncode != 0
    assert subprocess.run(["mount", "-t", "tmpfs", "none", "/mnt"], capture_output=True).returncode != 0
    for path in ("/usr/bin/pwned", "/etc/pwned", "/proc/sys/kernel/hostname"):
        with pytest.raises(OSError):
            open(path, "w").write("x")
    assert not os.path.exists("/proc/kcore")
    with pytest.raises(OSError):
        open("/proc/sysrq-trigger", "w").write("b")
    # The init belongs to another user: no ptrace-style peeking at it.
    with pytest.raises(PermissionError):
        os.readlink("/proc/1/cwd")
`;

describe('privilege escalation', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('finds no capability, no new privileges and nothing writable outside the workspace and /tmp', async () => {
    const result = await attack.run([testFile('test_climb.py', CLIMBER)]);
    expect(result.outcome, `${result.reason}\n${result.test?.stdout ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_no_way_up:passed');
  });
});
