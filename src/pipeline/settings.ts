/**
 * The knobs one validation runs with: configuration, narrowed by what the request asks for. The
 * configured value of each limit is both its default and its maximum: a request may ask for less,
 * never for more (a larger value is cut down to the configured one).
 */
import type { Config } from '../config.js';
import type { DependencySources } from '../images/dependency-sources.js';
import type { UploadLimits } from '../sandbox/change-archive.js';
import type { OutputCaps } from '../sandbox/sandbox.js';
import type { SandboxLimits } from '../sandbox/hardened-spec.js';

export interface PipelineSettings {
  readonly baseImage: string;
  readonly aptMirror: string;
  /** Where declared dependencies come from at image build instead of Debian (null: Debian). */
  readonly dependencySources: DependencySources;
  readonly imageBuildTimeoutMs: number;
  readonly buildTimeoutMs: number;
  readonly testTimeoutMs: number;
  readonly stepTimeoutMs: number;
  /** The deadline of each engine call (engine-deadline.ts). */
  readonly engineTimeoutMs: number;
  /** CPU time the container may use during the build step, and again during the test run. */
  readonly cpuTimeMs: number;
  readonly limits: SandboxLimits;
  readonly caps: OutputCaps;
  /** Checked again where the changes enter the sandbox, whatever checked them before. */
  readonly upload: UploadLimits;
  readonly minCoverage: number | null;
  /** How many times the failing tests run again (flaky-reruns.ts); 0: never. */
  readonly flakyReruns: number;
}

export interface RequestOverrides {
  readonly timeoutS?: number | undefined;
  readonly cpuTimeS?: number | undefined;
  readonly memoryMb?: number | undefined;
  readonly pidsLimit?: number | undefined;
  readonly workspaceMb?: number | undefined;
  readonly tmpMb?: number | undefined;
  readonly outputLimitBytes?: number | undefined;
  readonly minCoverage?: number | undefined;
}

const MIB = 1024 * 1024;

/** What the request asked for, never above what is configured. */
function atMost(asked: number | undefined, configured: number): number {
  return asked === undefined ? configured : Math.min(asked, configured);
}

export function pipelineSettings(config: Config, aptMirror: string, overrides: RequestOverrides = {}): PipelineSettings {
  return narrowSettings(configuredSettings(config, aptMirror), overrides);
}

/** The settings a request gets: each limit it asks for, never above the one already set. */
export function narrowSettings(settings: PipelineSettings, overrides: RequestOverrides | null): PipelineSettings {
  if (overrides === null) return settings;
  return {
    ...settings,
    testTimeoutMs: atMost(overrides.timeoutS === undefined ? undefined : overrides.timeoutS * 1000, settings.testTimeoutMs),
    cpuTimeMs: atMost(overrides.cpuTimeS === undefined ? undefined : overrides.cpuTimeS * 1000, settings.cpuTimeMs),
    limits: {
      ...settings.limits,
      memoryBytes: atMost(overrides.memoryMb === undefined ? undefined : overrides.memoryMb * MIB, settings.limits.memoryBytes),
      pidsLimit: atMost(overrides.pidsLimit, settings.limits.pidsLimit),
      workspaceBytes: atMost(overrides.workspaceMb === undefined ? undefined : overrides.workspaceMb * MIB, settings.limits.workspaceBytes),
      tmpBytes: atMost(overrides.tmpMb === undefined ? undefined : overrides.tmpMb * MIB, settings.limits.tmpBytes),
    },
    caps: { ...settings.caps, limitBytes: atMost(overrides.outputLimitBytes, settings.caps.limitBytes) },
    minCoverage: overrides.minCoverage ?? settings.minCoverage,
  };
}

function configuredSettings(config: Config, aptMirror: string): PipelineSettings {
  const overrides: RequestOverrides = {};
  return {
    baseImage: config.PATCHPROOF_BASE_IMAGE,
    aptMirror,
    dependencySources: { pipIndexUrl: config.PATCHPROOF_PIP_INDEX_URL ?? null, gemSource: config.PATCHPROOF_GEM_SOURCE ?? null, goProxy: config.PATCHPROOF_GOPROXY ?? null, mavenRepositoryUrl: config.PATCHPROOF_MAVEN_REPOSITORY_URL ?? null },
    imageBuildTimeoutMs: config.PATCHPROOF_IMAGE_BUILD_TIMEOUT_S * 1000,
    buildTimeoutMs: config.PATCHPROOF_BUILD_TIMEOUT_S * 1000,
    testTimeoutMs: atMost(overrides.timeoutS, config.PATCHPROOF_TEST_TIMEOUT_S) * 1000,
    stepTimeoutMs: config.PATCHPROOF_STEP_TIMEOUT_S * 1000,
    engineTimeoutMs: config.PATCHPROOF_ENGINE_CALL_TIMEOUT_S * 1000,
    cpuTimeMs: atMost(overrides.cpuTimeS, config.PATCHPROOF_CPU_TIME_S) * 1000,
    limits: {
      memoryBytes: atMost(overrides.memoryMb, config.PATCHPROOF_MEMORY_MB) * MIB,
      cpus: config.PATCHPROOF_CPUS,
      pidsLimit: atMost(overrides.pidsLimit, config.PATCHPROOF_PIDS_LIMIT),
      workspaceBytes: atMost(overrides.workspaceMb, config.PATCHPROOF_WORKSPACE_MB) * MIB,
      tmpBytes: atMost(overrides.tmpMb, config.PATCHPROOF_TMP_MB) * MIB,
    },
    caps: {
      keepBytes: config.PATCHPROOF_OUTPUT_KEEP_BYTES,
      limitBytes: atMost(overrides.outputLimitBytes, config.PATCHPROOF_OUTPUT_LIMIT_BYTES),
    },
    upload: {
      maxFiles: config.PATCHPROOF_MAX_CHANGE_FILES,
      maxFileBytes: config.PATCHPROOF_MAX_FILE_BYTES,
      maxTotalBytes: config.PATCHPROOF_MAX_CHANGES_BYTES,
    },
    minCoverage: overrides.minCoverage ?? config.PATCHPROOF_MIN_COVERAGE ?? null,
    flakyReruns: config.PATCHPROOF_FLAKY_RERUNS,
  };
}
