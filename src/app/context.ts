/**
 * The one context every use case runs over: configuration, and the database and the engine,
 * each opened once and only when a use case first needs it (`proposals list` never touches the
 * engine). A door (CLI, HTTP, MCP) makes one per process or per request and closes it.
 */
import type Docker from 'dockerode';
import type { Config } from '../config.js';
import { hostAptMirror } from '../engine/apt-mirror.js';
import { connectEngine } from '../engine/connect-engine.js';
import { narrowSettings, pipelineSettings, type PipelineSettings, type RequestOverrides } from '../pipeline/settings.js';
import { storeLabel } from '../storage/data-source.js';
import { openStorage, type Storage } from '../storage/storage.js';

export interface AppContext {
  readonly config: Config;
  storage(): Promise<Storage>;
  engine(): Promise<Docker>;
  /** The configured settings, narrowed by what a request asks (never above the configuration). */
  settings(overrides?: RequestOverrides | null): Promise<PipelineSettings>;
  /** This database's label on our containers (the janitor's scope). */
  readonly store: string;
  close(): Promise<void>;
}

export function createContext(config: Config): AppContext {
  let storage: Promise<Storage> | null = null;
  let engine: Promise<Docker> | null = null;
  let base: Promise<PipelineSettings> | null = null;
  return {
    config,
    store: storeLabel(config),
    storage: () => (storage ??= openStorage(config)),
    engine: () => (engine ??= connectEngine(config)),
    settings: async (overrides = null) => narrowSettings(await (base ??= hostAptMirror(config).then((mirror) => pipelineSettings(config, mirror))), overrides),
    async close() {
      const opened = storage;
      storage = null;
      if (opened !== null) await (await opened).close();
    },
  };
}
