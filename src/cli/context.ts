// Resolves the global options, the config file and the environment into what commands need.
import { join, resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/config.js';
import { priceTable, type PriceTable } from '../data/cost/prices.js';
import { DEFAULT_BASE_MODEL } from '../data/models.js';
import type { FetchOptions } from '../data/sources/fetch.js';
import { PAPER_PROMPT_SOURCES } from '../data/sources/prompt-sources.js';
import type { Command } from 'commander';
import { z } from 'zod';
import { parseFlag } from './flags.js';
import { Endpoints } from '../providers/endpoints.js';
import { openStore, type Store } from '../store/store.js';
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
  /** Where official files come from: --mirror, then WEIRDGEN_DATA_MIRROR, then the config. */
  /** Where pinned files come from; `promptMirror` holds the self-distillation prompt repositories as DIR/<owner>/<repo>/. */
  fetchOptions(mirrorFlag?: string, promptMirror?: string): FetchOptions;
  /** Set by a command to report failure without throwing. */
  exitCode: number;
  env: NodeJS.ProcessEnv;
  /** Named endpoints of the config plus the built-in ones; providers are created on first use. */
  endpoints(timeoutMs?: number): Endpoints;
  /** The workspace database; the command closes it. */
  openStore(): Store;
  /** Runs `action` with the workspace database open, and closes it after. */
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
    fetchOptions(mirrorFlag, promptMirror) {
      const mirror = mirrorFlag || env.WEIRDGEN_DATA_MIRROR || config.data.mirror;
      const urlBase = env.WEIRDGEN_DATA_URL_BASE ? parseFlag('WEIRDGEN_DATA_URL_BASE', z.url(), env.WEIRDGEN_DATA_URL_BASE) : config.data.urlBase;
      const prompts = promptMirror === undefined ? {} : { repos: Object.fromEntries(PAPER_PROMPT_SOURCES.map((s) => [s.repo, { mirror: join(resolve(promptMirror), s.repo) }])) };
      return { workspace, ...(mirror ? { mirror: resolve(mirror) } : {}), ...(urlBase ? { urlBase } : {}), ...prompts };
    },
    exitCode: 0,
    env,
    endpoints: (timeoutMs) => new Endpoints(config, env, workspace, timeoutMs),
    openStore: () => openStore(ensureWritableDir(workspace, '--workspace')),
    async withStore(action) {
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
export type CommandRunner = (action: (ctx: Context) => Promise<void>, cmd: Command) => Promise<void>;
