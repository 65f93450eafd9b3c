/**
 * A warm run sandbox's first command, prepared while it waits in the pool (sandbox/prepared-run.ts),
 * and the steps of one run that use it when the sandbox has one: the files and the first command
 * go through it; anything after (a compiled program after its compile) through the sandbox as
 * usual, and so does everything of a sandbox with none (a cold one).
 */
import { PreparedRun, type PreparedRunOptions } from '../sandbox/prepared-run.js';
import type { CommandResult } from '../sandbox/command-result.js';
import type { CommandLimits, Sandbox } from '../sandbox/sandbox.js';
import type { Disposable } from './warm-pool.js';

const prepared = new WeakMap<Sandbox, PreparedRun>();

/** Prepares the sandbox's first command; its release ends the prepared execs too. */
export async function prepareWarmRun(owned: Disposable<Sandbox>, options: PreparedRunOptions): Promise<Disposable<Sandbox>> {
  const run = await PreparedRun.prepare(owned.value, options);
  prepared.set(owned.value, run);
  return {
    value: owned.value,
    release: () => {
      run.close();
      return owned.release();
    },
  };
}

/** One run's use of its sandbox: taken once, so the prepared command serves one run only. */
export class RunSteps {
  private readonly first: PreparedRun | null;

  constructor(private readonly box: Sandbox) {
    this.first = prepared.get(box) ?? null;
    prepared.delete(box);
  }

  upload(archive: Buffer): Promise<void> {
    return this.first?.canUpload === true ? this.first.upload(archive) : this.box.upload(archive);
  }

  runLimited(command: readonly string[], limits: CommandLimits): Promise<CommandResult> {
    return this.first?.canRun(command, limits) === true ? this.first.run(command, limits) : this.box.runLimited(command, limits);
  }
}
