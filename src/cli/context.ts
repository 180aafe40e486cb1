// Resolves the global options, the config file and the environment into what commands need.
import { resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/index.js';
import { DEFAULT_BASE_MODEL, fetchOptionsFor, priceTable, type FetchOptions, type PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { ensureWritableDir } from '../util/output-dir.js';
import type { Io } from './io.js';

export interface GlobalOptions {
  workspace: string;
  json?: boolean;
  config?: string;
}

export interface Context extends LoadedConfig {
  io: Io;
  json: boolean;
  workspace: string;
  prices: PriceTable;
  defaultBaseModel: string;
  /**
   * Where pinned files come from: `mirrorFlag` (--mirror), then WEIRDGEN_DATA_MIRROR, then the config;
   * `promptMirror` holds the self-distillation prompt repositories as DIR/<owner>/<repo>/.
   */
  fetchOptions(mirrorFlag?: string, promptMirror?: string): FetchOptions;
  /** Set by a command to report failure without throwing. */
  exitCode: number;
  env: NodeJS.ProcessEnv;
  /** Named endpoints of the config plus the built-in ones; providers (and their libraries) load on first use. The command closes them. */
  endpoints(timeoutMs?: number): Promise<Endpoints>;
  /** Runs `action` with the workspace database open (the workspace checked and made first), and closes it after. */
  withStore<T>(action: (store: Store) => T | Promise<T>): Promise<T>;
}

export async function createContext(globals: GlobalOptions, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<Context> {
  const loaded = await loadConfig(globals.config);
  const { config } = loaded;
  const workspace = resolve(globals.workspace);
  return {
    ...loaded,
    io,
    json: Boolean(globals.json),
    workspace,
    prices: priceTable(config.prices),
    defaultBaseModel: config.defaults.baseModel ?? DEFAULT_BASE_MODEL,
    fetchOptions: (mirrorFlag, promptMirror) => fetchOptionsFor(workspace, config, env, mirrorFlag, promptMirror),
    exitCode: 0,
    env,
    async endpoints(timeoutMs) {
      const { workspaceEndpoints } = await import('../run/index.js');
      return workspaceEndpoints({ config, env, workspace, ...(timeoutMs !== undefined ? { timeoutMs } : {}) });
    },
    async withStore(action) {
      const { openStore } = await import('../store/index.js');
      const store = openStore(ensureWritableDir(workspace, '--workspace'));
      try {
        return await action(store);
      } finally {
        store.close();
      }
    },
  };
}

/** Runs a command's action with a fresh context; commands receive it from the program. */
export type CommandRunner = (action: (ctx: Context) => Promise<void>, cmd: import('commander').Command) => Promise<void>;
