/**
 * build_and_execute_from_git: a branch or tag cloned on the host (git-clone.ts), its image built
 * from our template for the toolchain detected in it (as a project's is: content-hashed, so the
 * same tree reuses it), then a command run on the project copy in the hardened sandbox under the
 * same limits as any run. A repository's own Dockerfile is not built: its RUN steps would run
 * with the network and as root in the builder, outside the sandbox.
 */
import type { Change } from '../../changes/change.js';
import { InputError } from '../../errors/input-error.js';
import { ensureImage } from '../../images/ensure-image.js';
import { snapshotProject } from '../../project/project-snapshot.js';
import type { RequestOverrides } from '../../pipeline/settings.js';
import { selectToolchain } from '../../toolchains/select-toolchain.js';
import type { AppContext } from '../context.js';
import { shallowClone } from '../git-clone.js';
import type { GitRunView } from '../views/run-view.js';
import { runInSandbox } from './execute-run.js';

export interface GitRun {
  readonly url: string;
  readonly ref: string;
  readonly command: readonly string[];
  readonly framework?: string | undefined;
  readonly files?: readonly Change[] | undefined;
  readonly overrides?: RequestOverrides | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((line: string) => void) | undefined;
}

export async function buildAndExecuteFromGit(ctx: AppContext, input: GitRun): Promise<GitRunView> {
  const host = new URL(input.url).hostname.toLowerCase();
  const hosts = ctx.config.PATCHPROOF_GIT_HOSTS;
  if (!hosts.includes(host)) throw new InputError(`host "${host}" is not one the server may clone from; allowed: ${hosts.length === 0 ? 'none (PATCHPROOF_GIT_HOSTS is empty)' : hosts.join(', ')}`, { host }, { field: 'url' });
  const settings = await ctx.settings();
  const clone = await shallowClone(input.url, input.ref, settings.buildTimeoutMs);
  try {
    const snapshot = await snapshotProject(clone.dir);
    const selection = selectToolchain(snapshot, input.framework ?? null);
    const image = await ensureImage(await ctx.engine(), {
      recipe: selection.toolchain,
      snapshot,
      baseImage: settings.baseImage,
      aptMirror: settings.aptMirror,
      timeoutMs: settings.imageBuildTimeoutMs,
      engineTimeoutMs: settings.engineTimeoutMs,
      onProgress: input.onProgress ?? (() => undefined),
    });
    const run = await runInSandbox(ctx, { image: image.tag, command: input.command, files: input.files, overrides: input.overrides, signal: input.signal, copyProject: true });
    return { ...run, source: { url: input.url, ref: input.ref, toolchain: selection.toolchain.name, toolchainReason: selection.reason, imageBuilt: image.built } };
  } finally {
    await clone.remove();
  }
}
