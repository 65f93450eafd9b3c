/** Runs the real pipeline the way the CLI does, with test-sized limits and the real engine. */
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { Change } from '../../src/changes/change.js';
import { loadConfig } from '../../src/config.js';
import { hostAptMirror } from '../../src/engine/apt-mirror.js';
import { createDockerClient } from '../../src/engine/docker-client.js';
import { prepareProposal } from '../../src/pipeline/prepare.js';
import { type PipelineSettings, pipelineSettings, type RequestOverrides } from '../../src/pipeline/settings.js';
import { validateProposal } from '../../src/pipeline/validate-proposal.js';
import type { ValidationResult } from '../../src/pipeline/validation-result.js';
import type { Toolchain } from '../../src/toolchains/toolchain.js';

export const config = loadConfig({ PATCHPROOF_MEMORY_MB: '512', PATCHPROOF_TEST_TIMEOUT_S: '120' });
export const docker: Docker = createDockerClient(config);

export async function settings(overrides: Partial<PipelineSettings> = {}): Promise<PipelineSettings> {
  return { ...pipelineSettings(config, await hostAptMirror(config)), ...overrides };
}

export function write(path: string, content: string): Change {
  return { kind: 'write', path, content: Buffer.from(content) };
}

export interface ValidateOptions {
  readonly signal?: AbortSignal;
  /** Detect among these instead of the registry (a toolchain under test before it is registered). */
  readonly toolchains?: readonly Toolchain[];
  /** --protect-tests, as a request or a stored proposal asks for it. */
  readonly protectTests?: boolean;
  /** --min-changed-coverage, as a request or a stored proposal asks for it. */
  readonly minChangedCoverage?: number;
}

export async function validate(projectDir: string, changes: Change[], overrides: Partial<PipelineSettings> = {}, options: ValidateOptions = {}): Promise<ValidationResult> {
  const { signal } = options;
  const prepared = await prepareProposal(projectDir, changes, null, options.toolchains, { minChangedCoverage: options.minChangedCoverage ?? null });
  return validateProposal(docker, {
    proposalId: randomUUID(),
    validationId: randomUUID(),
    prepared,
    settings: await settings(overrides),
    onProgress: () => undefined,
    ...(signal === undefined ? {} : { signal }),
  });
}

/**
 * Like validate, with limits asked for the way a request asks (pipelineSettings narrows the
 * configuration by them: lower only), so the limits under test are the ones a request gets.
 */
export async function validateAsking(projectDir: string, changes: Change[], asked: RequestOverrides, options: ValidateOptions = {}): Promise<ValidationResult> {
  const prepared = await prepareProposal(projectDir, changes, null, options.toolchains, { protectTests: options.protectTests === true });
  return validateProposal(docker, {
    proposalId: randomUUID(),
    validationId: randomUUID(),
    prepared,
    settings: pipelineSettings(config, await hostAptMirror(config), asked),
    onProgress: () => undefined,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
}
