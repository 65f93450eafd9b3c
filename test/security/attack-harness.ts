/**
 * What every adversarial case shares: small limits asked for the way a request asks them (lower
 * than configured, so each case is quick), a marker file on the host that no case may touch, and
 * the checks made after every attack: the host is as it was, the engine answers, nothing of ours
 * is left on it, and the next, harmless validation still passes.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Change } from '../../src/changes/change.js';
import type { RequestOverrides } from '../../src/pipeline/settings.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import { docker, type ValidateOptions, validateAsking, write } from '../support/run-validation.js';
import { leftovers } from '../support/sandbox-leftovers.js';
import { scratchProject } from '../support/scratch-project.js';

export const MIB = 1024 * 1024;

/** Every case runs under these unless it asks for less (or, to aim at one limit, for more room elsewhere). */
export const SMALL_LIMITS: RequestOverrides = {
  timeoutS: 30,
  cpuTimeS: 20,
  memoryMb: 256,
  pidsLimit: 128,
  workspaceMb: 64,
  tmpMb: 32,
  outputLimitBytes: 4 * MIB,
};

export interface HostMarker {
  readonly path: string;
  readonly content: string;
}

/** A file on the host holding a secret-looking value: no case may read, change or find it. */
export async function hostMarker(): Promise<HostMarker> {
  const dir = await mkdtemp(join(tmpdir(), 'patchproof-marker-'));
  const path = join(dir, 'host-marker.txt');
  const content = `host-only-${randomBytes(12).toString('hex')}`;
  await writeFile(path, content);
  return { path, content };
}

/** A project of another runner to attack: a folder of test/fixtures/projects, and the verdict its unchanged tests get. */
export interface AttackTarget {
  readonly fixture: string;
  readonly passing: string;
  /** More room than SMALL_LIMITS where the runner needs it (go's build cache lives in /tmp); still never above the configuration. */
  readonly limits?: RequestOverrides;
  /** A project folder elsewhere (a real upstream tree) instead of a fixture: attacked in a private copy. */
  readonly dir?: string;
  /** For a project whose unchanged tests do not all pass (a real one, red before any change): what its unchanged run must be, in place of `passing`. */
  readonly unchanged?: (result: ValidationResult) => void;
}

/** The example (pytest) project. */
const EXAMPLE: AttackTarget = { fixture: '', passing: '3 of 3 tests passed; 100.0% of lines covered' };

async function fixtureCopy(fixture: string, dir?: string): Promise<string> {
  const project = join(await mkdtemp(join(tmpdir(), `patchproof-${fixture}-`)), 'calc');
  await cp(dir ?? fileURLToPath(new URL(`../fixtures/projects/${fixture}/`, import.meta.url)), project, { recursive: true });
  return project;
}

export class Attack {
  private constructor(
    readonly project: string,
    readonly marker: HostMarker,
    private readonly markerMtimeMs: number,
    private readonly target: AttackTarget,
  ) {}

  /** Against a private copy of the example project, or of `target`'s fixture project. */
  static async prepare(target: AttackTarget = EXAMPLE): Promise<Attack> {
    const marker = await hostMarker();
    const project = target.fixture === '' ? await scratchProject() : await fixtureCopy(target.fixture, target.dir);
    return new Attack(project, marker, (await stat(marker.path)).mtimeMs, target);
  }

  /** One validation of `changes` under SMALL_LIMITS narrowed further by `asked`. */
  run(changes: Change[], asked: RequestOverrides = {}, options: ValidateOptions = {}): Promise<ValidationResult> {
    return validateAsking(this.project, changes, { ...SMALL_LIMITS, ...this.target.limits, ...asked }, options);
  }

  /**
   * What every forged-pass case asserts beside its verdict: the run ended by itself (no limit
   * stopped it), and the host's secret is in no field of the result (reasons, output, report).
   */
  expectEndedCleanly(result: ValidationResult): void {
    expect(result.test?.timedOut ?? false).toBe(false);
    expect(result.test?.outputLimitExceeded ?? false).toBe(false);
    expect(['timeout', 'output_limit', 'oom', 'pids_limit', 'disk_full', 'cpu_time']).not.toContain(result.code);
    expect(JSON.stringify(result)).not.toContain(this.marker.content);
  }

  /** The host is as before, the engine answers, nothing of ours is left, and a harmless proposal still passes. */
  async expectAftermathClean(): Promise<void> {
    expect(await readFile(this.marker.path, 'utf8')).toBe(this.marker.content);
    expect((await stat(this.marker.path)).mtimeMs).toBe(this.markerMtimeMs);
    expect(String(await docker.ping())).toBe('OK');
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
    const next = await validateAsking(this.project, [], { ...SMALL_LIMITS, ...this.target.limits });
    if (this.target.unchanged !== undefined) {
      this.target.unchanged(next);
    } else {
      expect(next.outcome, next.reason).toBe('executed');
      expect(next.reason).toBe(this.target.passing);
    }
    expect(await leftovers(docker)).toEqual({ containers: [], volumes: [] });
  }
}

/** A Python test file for the example project. */
export function testFile(name: string, body: string): Change {
  return write(`tests/${name}`, body);
}
