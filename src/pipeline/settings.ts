/** The knobs one validation runs with: configuration, narrowed by what the request asks for. */
import type { Config } from '../config.js';
import type { OutputCaps } from '../sandbox/sandbox.js';
import type { SandboxLimits } from '../sandbox/hardened-spec.js';

export interface PipelineSettings {
  readonly baseImage: string;
  readonly aptMirror: string;
  readonly imageBuildTimeoutMs: number;
  readonly buildTimeoutMs: number;
  readonly testTimeoutMs: number;
  readonly stepTimeoutMs: number;
  readonly limits: SandboxLimits;
  readonly caps: OutputCaps;
  readonly minCoverage: number | null;
}

export interface RequestOverrides {
  readonly timeoutS?: number | undefined;
  readonly minCoverage?: number | undefined;
}

const MIB = 1024 * 1024;

export function pipelineSettings(config: Config, aptMirror: string, overrides: RequestOverrides = {}): PipelineSettings {
  return {
    baseImage: config.PATCHPROOF_BASE_IMAGE,
    aptMirror,
    imageBuildTimeoutMs: config.PATCHPROOF_IMAGE_BUILD_TIMEOUT_S * 1000,
    buildTimeoutMs: config.PATCHPROOF_BUILD_TIMEOUT_S * 1000,
    testTimeoutMs: (overrides.timeoutS ?? config.PATCHPROOF_TEST_TIMEOUT_S) * 1000,
    stepTimeoutMs: config.PATCHPROOF_STEP_TIMEOUT_S * 1000,
    limits: {
      memoryBytes: config.PATCHPROOF_MEMORY_MB * MIB,
      cpus: config.PATCHPROOF_CPUS,
      pidsLimit: config.PATCHPROOF_PIDS_LIMIT,
      workspaceBytes: config.PATCHPROOF_WORKSPACE_MB * MIB,
      tmpBytes: config.PATCHPROOF_TMP_MB * MIB,
    },
    caps: { keepBytes: config.PATCHPROOF_OUTPUT_KEEP_BYTES, limitBytes: config.PATCHPROOF_OUTPUT_LIMIT_BYTES },
    minCoverage: overrides.minCoverage ?? config.PATCHPROOF_MIN_COVERAGE ?? null,
  };
}
