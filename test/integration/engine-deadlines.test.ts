/**
 * An engine that stops answering ends a validation as an error naming the call, and still lets it
 * remove what it made. Two ways to stop answering: a loopback server that accepts connections and
 * never says a word, and a proxy in front of the real engine that passes one chosen call on but
 * never reads or relays its answer (the engine then writes into a connection nobody reads, as it
 * did for the report download that once hung validations for good). Small deadlines; only
 * outcomes are asserted.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import Docker from 'dockerode';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectEngine } from '../../src/engine/connect-engine.js';
import { InfraError } from '../../src/errors/infra-error.js';
import { prepareProposal } from '../../src/pipeline/prepare.js';
import { Releasers } from '../../src/sandbox/releasers.js';
import { validateProposal } from '../../src/pipeline/validate-proposal.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { ownerLabels } from '../../src/sandbox/labels.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { docker, settings } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';
import { StallingProxy } from '../support/stalling-proxy.js';

/** Long enough for any call of a loaded engine; the stalled call takes exactly this long. */
const ENGINE_TIMEOUT_MS = 15_000;

describe('an engine that accepts connections and never answers', () => {
  let server: Server;
  let port = 0;
  const held = new Set<Socket>();
  beforeAll(async () => {
    server = createServer((socket) => {
      held.add(socket);
      socket.on('error', () => undefined);
      socket.resume();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('ends opening a sandbox with ENGINE_TIMEOUT naming the call, and its releases end too', async () => {
    const silent = new Docker({ host: '127.0.0.1', port, protocol: 'http' });
    const releasers = new Releasers(1_000);
    const base = await settings();
    const opening = Sandbox.open(
      silent,
      { image: 'never/used:latest', name: `patchproof-${randomUUID()}`, limits: base.limits, caps: base.caps, labels: ownerLabels({ kind: 'validation', id: randomUUID(), proposalId: 'test' }), engineTimeoutMs: 300 },
      releasers,
    );
    const error = await opening.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(InfraError);
    expect(error).toMatchObject({ code: 'ENGINE_TIMEOUT', context: { call: 'creating the workspace volume', timeoutMs: 300 } });
    const failures = await releasers.releaseAll();
    expect(failures.map((f) => f.message)).toEqual([expect.stringMatching(/^releasing volume patchproof-.*-ws failed: the engine did not finish removing the workspace volume within 300 ms$/)]);
  });

  it('is reported as unreachable by connectEngine, with the timeout as the cause', async () => {
    const config = loadConfig({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, PATCHPROOF_ENGINE_CALL_TIMEOUT_S: '1' });
    const error = await connectEngine(config).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    expect(error instanceof Error && error.cause).toMatchObject({ code: 'ENGINE_TIMEOUT', context: { call: 'answering a ping' } });
  });
});

describe('a real engine that stops answering one call of a validation', () => {
  let project: string;
  let bigReports: string;
  beforeAll(async () => {
    project = await scratchProject();
    // A report folder too big to come back in the reaper's own output: read through the engine.
    bigReports = await scratchProject();
    await writeFile(
      join(bigReports, 'tests', 'test_padding.py'),
      "import os\n\ndef test_pads_the_report_folder():\n    with open(os.path.join('.patchproof', 'reports', 'padding.bin'), 'wb') as f:\n        f.write(b'0' * 600 * 1024)\n",
    );
  });

  async function validateThrough(proxy: StallingProxy, big: boolean): Promise<ValidationResult> {
    const prepared = await prepareProposal(big ? bigReports : project, [], null);
    return validateProposal(new Docker({ socketPath: proxy.path }), {
      proposalId: randomUUID(),
      validationId: randomUUID(),
      prepared,
      settings: await settings({ engineTimeoutMs: ENGINE_TIMEOUT_MS }),
      onProgress: () => undefined,
    });
  }

  const cases = [
    { what: 'the report download', call: /^GET \/[^ ]*containers\/[^/]+\/archive\?/, named: 'reading /workspace/.patchproof/reports', big: true },
    { what: 'the container create (the engine made it, the answer never came)', call: /^POST \/[^ ]*containers\/create/, named: 'creating the sandbox container', big: false },
    { what: 'an exec start', call: /^POST \/[^ ]*exec\/[^/]+\/start/, named: 'starting an exec', big: false },
  ];

  for (const c of cases) {
    it(`ends as ENGINE_TIMEOUT when it is ${c.what}, and leaves nothing behind`, async () => {
      const proxy = await StallingProxy.start(c.call);
      let result: ValidationResult;
      try {
        result = await validateThrough(proxy, c.big);
      } finally {
        await proxy.close();
      }
      // The stall really happened, once: the outcome is its doing.
      expect(proxy.stalled).toHaveLength(1);
      expect(result.outcome, result.reason).toBe('error');
      expect(result.code).toBe('infra:ENGINE_TIMEOUT');
      expect(result.reason).toBe(`the engine did not finish ${c.named} within ${ENGINE_TIMEOUT_MS / 1000} s`);
      expect(result.releaseFailures).toEqual([]);
      expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
    });
  }
});

describe('a download stopped at its bound', () => {
  it('closes the archive stream, so the container can still be killed and removed', async () => {
    const releasers = new Releasers();
    const base = await settings();
    const image = base.baseImage;
    try {
      const sandbox = await Sandbox.open(
        docker,
        { image, name: `patchproof-${randomUUID()}`, limits: base.limits, caps: base.caps, labels: ownerLabels({ kind: 'validation', id: randomUUID(), proposalId: 'test' }), engineTimeoutMs: ENGINE_TIMEOUT_MS },
        releasers,
      );
      const written = await sandbox.run(['sh', '-c', 'mkdir -p /workspace/big && head -c 16777216 /dev/zero > /workspace/big/a && head -c 16777216 /dev/zero > /workspace/big/b'], 60_000);
      expect(written.exitCode, written.stderr).toBe(0);
      const read = await sandbox.download('/workspace/big', { maxEntries: 100, maxBytes: 1024 * 1024 });
      expect(read).toMatchObject({ kind: 'over', entries: 1 });
      // Left open, the engine would hold the container locked and this would end as ENGINE_TIMEOUT.
      await sandbox.kill();
      expect(await releasers.releaseAll()).toEqual([]);
    } finally {
      await releasers.releaseAll();
    }
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  });
});
