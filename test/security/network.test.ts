/**
 * No way out: the container has only a loopback interface and no route at all, so no packet can
 * leave it. That is asserted from inside *before* anything network-shaped is tried; the name
 * lookup that follows can then only fail, and no connection to any address outside the container
 * is ever attempted. Raw and packet sockets are refused (CAP_NET_RAW is dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Attack, testFile } from './attack-harness.js';

const PROBE = `import os, socket
import pytest


def test_no_way_out():
    # 1. Only loopback, and no route: this must hold before anything below is tried.
    assert [name for _, name in socket.if_nameindex()] == ["lo"]
    with open("/proc/net/route") as f:
        assert f.read().splitlines()[1:] == []
    if os.path.exists("/proc/net/ipv6_route"):
        with open("/proc/net/ipv6_route") as f:
            assert all(line.split()[-1] == "lo" for line in f.read().splitlines())
    # 2. Name resolution fails: the resolver cannot be reached.
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("deb.debian.org", 443)
    # 3. No raw IP or packet sockets.
    with pytest.raises(PermissionError):
        socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    with pytest.raises(PermissionError):
        socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
`;

describe('network egress', () => {
  let attack: Attack;
  beforeAll(async () => {
    attack = await Attack.prepare();
  });
  afterAll(async () => {
    await attack.expectAftermathClean();
  });

  it('finds only loopback, no route, no DNS and no raw sockets', async () => {
    const result = await attack.run([testFile('test_network.py', PROBE)]);
    expect(result.outcome, `${result.reason}\n${result.test?.stdout ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_no_way_out:passed');
  });
});
