/**
 * The MCP execute tools through the SDK's client over stdio: a command in the allow-listed base
 * image runs in the hardened sandbox (no network but lo, unprivileged, limits only lowered), with
 * uploaded files; a timeout is named; list_containers sees a running run, stop_container ends
 * it; images off the list, escaping paths and other containers are refused; nothing is left.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerListView, RunResultView, StoppedContainerView } from '../../src/app/views/run-view.js';
import { loadConfig } from '../../src/config.js';
import { LABEL_OWNER_KIND, LABEL_STORE } from '../../src/sandbox/labels.js';
import { storeLabel } from '../../src/storage/data-source.js';
import { stdioSession, structured, textOf, type StdioSession } from '../support/mcp-client.js';
import { docker } from '../support/run-validation.js';
import { waitFor } from '../support/worker-harness.js';
import { gitDaemon, type GitDaemon } from '../support/git-daemon.js';
import { GitRunView } from '../../src/app/views/run-view.js';

describe('the MCP execute tools', () => {
  let session: StdioSession;
  let store: string;
  let git: GitDaemon;
  const image = loadConfig().PATCHPROOF_BASE_IMAGE;

  const runsLeft = async () => (await docker.listContainers({ all: true, filters: { label: [`${LABEL_STORE}=${store}`, `${LABEL_OWNER_KIND}=run`] } })).length;
  const volumesLeft = async () => (await docker.listVolumes({ filters: { label: [`${LABEL_STORE}=${store}`, `${LABEL_OWNER_KIND}=run`] } })).Volumes?.length ?? 0;
  const call = (name: string, args: Record<string, unknown>) => session.client.callTool({ name, arguments: args });

  beforeAll(async () => {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-mcp-run-'));
    const env = { PATCHPROOF_DB_PATH: join(work, 'db.sqlite'), PATCHPROOF_RUN_IMAGES: image, PATCHPROOF_MEMORY_MB: '512', PATCHPROOF_GIT_HOSTS: '127.0.0.1' };
    git = await gitDaemon(work);
    store = storeLabel(loadConfig(env));
    session = await stdioSession(['--workers', '0'], env);
  });

  afterAll(async () => {
    git?.stop();
    await session?.close();
    expect(await runsLeft()).toBe(0);
    expect(await volumesLeft()).toBe(0);
  });

  it('runs a command unprivileged with only lo, under the configured limits (a request may only lower them)', async () => {
    const script = 'id -u; ls /sys/class/net; cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes; touch /etc/x 2>/dev/null || echo root-read-only';
    const run = structured(await call('execute_container', { image, command: ['sh', '-c', script], limits: { memoryMb: 999_999, timeoutS: 30 } }), RunResultView);
    expect(run).toMatchObject({ exitCode: 0, limitHit: null, stopped: false, image });
    expect(run.stdout.trim().split('\n')).toEqual(['1000', 'lo', String(512 * 1024 * 1024), 'root-read-only']);
    expect(run.limits).toMatchObject({ memoryMb: 512, timeoutS: 30 });
    expect(await runsLeft()).toBe(0);
  });

  it('writes the payload into the workspace before the command runs', async () => {
    const files = [
      { filepath: 'run.sh', content: 'echo "$(cat data/n.txt) * 6" | bc 2>/dev/null || echo $(( $(cat data/n.txt) * 6 ))\n' },
      { filepath: 'data/n.txt', contentBase64: Buffer.from('7').toString('base64') },
    ];
    const run = structured(await call('execute_with_payload', { image, command: ['sh', 'run.sh'], files }), RunResultView);
    expect(run).toMatchObject({ exitCode: 0, files: 2 });
    expect(run.stdout.trim()).toBe('42');
  });

  it('names the timeout it stopped a command for, and what it printed before', async () => {
    const run = structured(await call('execute_container', { image, command: ['sh', '-c', 'echo started; sleep 60'], limits: { timeoutS: 2 } }), RunResultView);
    expect(run).toMatchObject({ limitHit: 'timeout', limits: { timeoutS: 2 } });
    expect(run.stdout).toContain('started');
    expect(run.durationMs).toBeLessThan(60_000);
  });

  it('lists a running run, stops it, and the run answers that it was stopped', async () => {
    const running = call('execute_container', { image, command: ['sleep', '120'] });
    const found = await waitFor('the run container', async () => structured(await call('list_containers', {}), ContainerListView).containers.find((c) => c.kind === 'run' && c.state === 'running'));
    expect(found.name).toMatch(/^patchproof-run-/);
    const stopped = structured(await call('stop_container', { id: found.id }), StoppedContainerView);
    expect(stopped).toMatchObject({ id: found.id, removed: true });
    // The run's own call still answers, saying it was stopped (its exit code, if any, is not a success).
    const ended = structured(await running, RunResultView);
    expect(ended).toMatchObject({ stopped: true, limitHit: null });
    expect(ended.exitCode).not.toBe(0);
    expect(structured(await call('list_containers', {}), ContainerListView).containers).toEqual([]);
  });

  it('refuses images off the list, escaping paths and containers that are not its runs, naming the field', async () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['execute_container', { image: 'alpine:latest', command: ['true'] }, 'invalid_input', 'image'],
      ['execute_container', { image, command: [''] }, 'invalid_input', 'command'],
      ['execute_with_payload', { image, command: ['true'], files: [{ filepath: '../x', content: '' }] }, 'invalid_input', 'files.0'],
      ['stop_container', { id: 'no-such-container' }, 'not_found', 'id'],
    ];
    for (const [name, args, code, field] of cases) {
      const result = await call(name, args);
      expect(result.isError, name).toBe(true);
      expect(textOf(result).split('\n')[0]).toMatch(new RegExp(`^${code} \\(field "${field}"\\): `));
    }
    // A container that is not ours is not found either (nor said to exist).
    const other = await docker.createContainer({ Image: image, Cmd: ['true'], Labels: { 'patchproof-test': 'not-ours' } });
    try {
      expect(textOf(await call('stop_container', { id: other.id })).split('\n')[0]).toMatch(/^not_found \(field "id"\)/);
      expect((await other.inspect()).Id).toBe(other.id);
    } finally {
      await other.remove({ force: true });
    }
  });

  it('clones a branch from a git host it may use, builds it with our template and runs the tests in the sandbox', async () => {
    const url = `${git.url}/calc.git`;
    const run = structured(await call('build_and_execute_from_git', { url, ref: 'main', command: ['sh', '-c', 'ls src/calc; python3 -m pytest -q -p no:cacheprovider tests'] }), GitRunView);
    expect(run).toMatchObject({ exitCode: 0, limitHit: null, source: { url, ref: 'main', toolchain: 'pytest' } });
    expect(run.stdout).toMatch(/__init__\.py/);
    expect(run.stdout).toMatch(/3 passed/);
    expect(await runsLeft()).toBe(0);
  });

  it('refuses hosts off the list, other transports, option-like refs and unknown refs, naming the field', async () => {
    const refused = async (args: Record<string, unknown>) => {
      const result = await call('build_and_execute_from_git', { command: ['true'], ...args });
      expect(result.isError, JSON.stringify(args)).toBe(true);
      return textOf(result);
    };
    expect(await refused({ url: 'https://example.com/calc.git', ref: 'main' })).toMatch(/^invalid_input \(field "url"\): host "example.com" is not one the server may clone from/);
    expect(await refused({ url: 'ext::sh -c touch% /tmp/pwned', ref: 'main' })).toMatch(/at url/);
    expect(await refused({ url: 'file:///etc', ref: 'main' })).toMatch(/at url/);
    expect(await refused({ url: `${git.url}/calc.git`, ref: '--upload-pack=touch /tmp/pwned' })).toMatch(/at ref/);
    expect(await refused({ url: `${git.url}/calc.git`, ref: 'no-such-branch' })).toMatch(/^project_unusable \(field "url"\): could not clone .* at "no-such-branch"/);
  });
});
