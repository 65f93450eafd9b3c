/**
 * What a test can learn of the host: nothing. Secrets in the worker's environment and in its
 * configuration (a database URL with a password) are set for this run; from inside, the test
 * looks through its environment, every /proc/<pid>/environ and cmdline it can read, the mounts,
 * the engine sockets, the host's marker file and /etc/shadow, and finds none of it.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';
import { prepareProposal } from '../../src/pipeline/prepare.js';
import { pipelineSettings } from '../../src/pipeline/settings.js';
import { validateProposal } from '../../src/pipeline/validate-proposal.js';
import { docker } from '../support/run-validation.js';
import { Attack, SMALL_LIMITS, testFile } from './attack-harness.js';

const ENV_SECRET = `env-secret-${randomBytes(12).toString('hex')}`;
const AWS_SECRET = `aws-secret-${randomBytes(12).toString('hex')}`;
const DB_PASSWORD = `db-password-${randomBytes(12).toString('hex')}`;

/** Every variable the sandbox itself sets, the image's, the engine's HOSTNAME, the shell's PWD, and pytest's own. */
const EXPECTED_ENV = ['HOME', 'LANG', 'TZ', 'PATH', 'CI', 'PYTHONDONTWRITEBYTECODE', 'PYTHONUNBUFFERED', 'HOSTNAME', 'PWD'];

function probe(markerPath: string): string {
  return `import glob, os
import pytest

SECRETS = [${[ENV_SECRET, AWS_SECRET, DB_PASSWORD].map((s) => `b"${s}"`).join(', ')}]
MARKER = "${markerPath}"


def test_nothing_of_the_host():
    seen = repr(sorted(os.environ.items())).encode()
    for path in glob.glob("/proc/[0-9]*/environ") + glob.glob("/proc/[0-9]*/cmdline"):
        try:
            with open(path, "rb") as f:
                seen += f.read()
        except OSError:
            pass
    for secret in SECRETS:
        assert secret not in seen
    unexpected = {k for k in os.environ if k not in ${JSON.stringify(EXPECTED_ENV)} and not k.startswith(("COV_CORE_", "PYTEST_"))}
    assert unexpected == set()
    # PID 1 belongs to another user: not even the sandbox's own environment is readable there.
    with pytest.raises(PermissionError):
        open("/proc/1/environ", "rb").read()
    with pytest.raises(PermissionError):
        open("/etc/shadow").read()
    for sock in ["/var/run/docker.sock", "/run/docker.sock", "/run/containerd/containerd.sock", "/run/podman/podman.sock"]:
        assert not os.path.exists(sock)
    assert not os.path.exists(os.path.dirname(MARKER))
    with open("/proc/self/mountinfo") as f:
        mounts = f.read()
    assert os.path.dirname(MARKER) not in mounts
    assert "docker.sock" not in mounts
`;
}

describe('reading host files and the environment', () => {
  let attack: Attack;
  const saved = { env: process.env['PATCHPROOF_FAKE_SECRET'], aws: process.env['AWS_SECRET_ACCESS_KEY'] };
  beforeAll(async () => {
    attack = await Attack.prepare();
    process.env['PATCHPROOF_FAKE_SECRET'] = ENV_SECRET;
    process.env['AWS_SECRET_ACCESS_KEY'] = AWS_SECRET;
  });
  afterAll(async () => {
    for (const [key, value] of [['PATCHPROOF_FAKE_SECRET', saved.env], ['AWS_SECRET_ACCESS_KEY', saved.aws]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await attack.expectAftermathClean();
  });

  it('finds no secret of the worker, no host file and no engine socket', async () => {
    // The worker's own configuration, with a password in it, as a worker would load it.
    const config = loadConfig({ ...process.env, PATCHPROOF_DATABASE_URL: `postgres://patchproof:${DB_PASSWORD}@db.internal:5432/pp` });
    expect(config.PATCHPROOF_DATABASE_URL).toContain(DB_PASSWORD);
    const prepared = await prepareProposal(attack.project, [testFile('test_host.py', probe(attack.marker.path))], null);
    const result = await validateProposal(docker, {
      proposalId: randomUUID(),
      validationId: randomUUID(),
      prepared,
      settings: pipelineSettings(config, await hostAptMirror(config), SMALL_LIMITS),
      onProgress: () => undefined,
    });
    expect(result.outcome, `${result.reason}\n${result.test?.stdout ?? ''}`).toBe('executed');
    expect(result.report?.cases.map((c) => `${c.name}:${c.status}`)).toContain('test_nothing_of_the_host:passed');
    const everything = JSON.stringify(result);
    for (const secret of [ENV_SECRET, AWS_SECRET, DB_PASSWORD]) expect(everything).not.toContain(secret);
    expect(dirname(attack.marker.path)).toMatch(/patchproof-marker-/);
  });
});
