/**
 * Worker processes as an operator runs them (the built CLI), over a private database and a
 * private copy of the example project, with helpers to queue proposals and wait for outcomes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Change } from '../../src/changes/change.js';
import { loadConfig } from '../../src/config.js';
import { submitProposal } from '../../src/intake/submit-proposal.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { LABEL_OWNER, LABEL_PROPOSAL, LABEL_STORE } from '../../src/sandbox/labels.js';
import { storeLabel } from '../../src/storage/data-source.js';
import type { ProposalRow } from '../../src/storage/entities/proposal-entity.js';
import { type Storage, openStorage } from '../../src/storage/storage.js';
import { CLI } from './run-cli.js';
import { scratchProject } from './scratch-project.js';

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly log: () => string;
  readonly exited: Promise<number | null>;
}

export class WorkerBench {
  private constructor(
    readonly env: Record<string, string>,
    readonly storage: Storage,
    readonly project: string,
    readonly store: string,
  ) {}

  /** A fresh database (SQLite file, or the PostgreSQL URL given) and a fresh project copy named "calc". */
  static async open(extraEnv: Record<string, string> = {}): Promise<WorkerBench> {
    const work = await mkdtemp(join(tmpdir(), 'patchproof-worker-'));
    const env = {
      PATCHPROOF_DB_PATH: join(work, 'db.sqlite'),
      PATCHPROOF_POLL_INTERVAL_MS: '100',
      PATCHPROOF_MEMORY_MB: '512',
      // Off unless a test asks: these tests find a validation's container by its proposal label,
      // which a warm sandbox (labelled when it was made, before any proposal) does not carry.
      PATCHPROOF_WARM_SANDBOXES: '0',
      ...extraEnv,
    };
    const config = loadConfig(env);
    const storage = await openStorage(config);
    const project = await scratchProject();
    await storage.projects.add('calc', project);
    return new WorkerBench(env, storage, project, storeLabel(config));
  }

  async propose(changes: readonly Change[], options: { title?: string; priority?: number; rerun?: boolean; strict?: boolean } = {}): Promise<ProposalRow> {
    const { proposal } = await submitProposal(this.storage, {
      project: 'calc',
      changes,
      patch: null,
      patchFault: null,
      title: options.title ?? null,
      author: 'worker test',
      priority: options.priority ?? 0,
      rerun: options.rerun ?? false,
      protectTests: false,
      strict: options.strict ?? false,
      maxPending: loadConfig(this.env).PATCHPROOF_MAX_PENDING,
    });
    return proposal;
  }

  /** A worker process; its schedules are off unless `schedules` is set. */
  startWorker(args: readonly string[] = [], env: Record<string, string> = {}, schedules = false): WorkerProcess {
    const child = spawn(process.execPath, [CLI, 'worker', ...(schedules ? [] : ['--no-schedules']), ...args], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    return { child, log: () => log, exited };
  }

  async proposal(id: string): Promise<ProposalRow> {
    const detail = await this.storage.proposals.show(id);
    if (detail === null) throw new Error(`no proposal ${id}`);
    return detail.proposal;
  }

  /** Containers of ours recorded in this bench's database (optionally: serving one proposal). */
  async containers(docker: Docker, proposalId?: string): Promise<string[]> {
    const label = [`${LABEL_OWNER}=true`, `${LABEL_STORE}=${this.store}`, ...(proposalId === undefined ? [] : [`${LABEL_PROPOSAL}=${proposalId}`])];
    return (await docker.listContainers({ all: true, filters: { label } })).map((c) => c.Id);
  }

  async volumes(docker: Docker): Promise<string[]> {
    const label = [`${LABEL_OWNER}=true`, `${LABEL_STORE}=${this.store}`];
    return ((await docker.listVolumes({ filters: { label } })).Volumes ?? []).map((v) => v.Name);
  }

  close(): Promise<void> {
    return this.storage.close();
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A change that makes the example's tests take `seconds` (so a worker can be caught mid-run). */
export function slowTest(seconds: number, marker = ''): Change {
  return {
    kind: 'write',
    path: 'tests/test_slow.py',
    content: Buffer.from(`import time\n\n# ${marker}\n\ndef test_slow():\n    time.sleep(${seconds})\n    assert True\n`),
  };
}

/** A change unique to `n`, so every proposal has its own content key. */
export function note(n: number): Change {
  return { kind: 'write', path: `notes/note_${n}.txt`, content: Buffer.from(`proposal ${n}\n`) };
}
