// A workspace opened for library use: the config, its endpoints (the workspace's served models
// included), the SQLite store (cache, runs, ledger), prices and where pinned files come from.
import { loadConfig, type WeirdgenConfig } from '../config/index.js';
import { DEFAULT_BASE_MODEL, fetchOptionsFor, priceTable, type FetchOptions, type PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import { workspaceEndpoints } from '../run/index.js';
import { openStore, type Store } from '../store/index.js';
import { ensureWritableDir } from '../util/output-dir.js';

/** Where the workspace is and what configures it; every field has a default. */
export interface WorkspaceOptions {
  /** The workspace folder (caches, the database); default `./.weirdgen`, made if missing. */
  dir?: string;
  /** A `weirdgen.config.yaml`; default: `./weirdgen.config.yaml` when present. */
  configFile?: string;
  /** Where API keys and `WEIRDGEN_DATA_MIRROR` are read; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Per-request timeout of remote calls, in milliseconds; default 60,000. */
  timeoutMs?: number;
  /** A local copy of the paper's repository to read official files from (else the env, the config, then the pinned URLs). */
  mirror?: string;
  /** A folder holding the self-distillation prompt repositories as DIR/<owner>/<repo>/. */
  promptMirror?: string;
}

/** An open workspace; `close()` closes its database and stops what its endpoints started. */
export interface Workspace {
  readonly dir: string;
  readonly config: WeirdgenConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly prices: PriceTable;
  /** The base model `finetune` and `run` use when none is named. */
  readonly defaultBaseModel: string;
  readonly endpoints: Endpoints;
  readonly store: Store;
  /** Where pinned official files are read or downloaded. */
  readonly fetch: FetchOptions;
  close(): Promise<void>;
}

/**
 * Opens (and makes, if needed) a workspace. Close it when done.
 *
 * @example
 * const ws = await openWorkspace({ dir: '.weirdgen' });
 * try {
 *   console.log(ws.endpoints.names);
 * } finally {
 *   await ws.close();
 * }
 */
export async function openWorkspace(options: WorkspaceOptions = {}): Promise<Workspace> {
  const { config } = await loadConfig(options.configFile);
  const env = options.env ?? process.env;
  const dir = ensureWritableDir(options.dir ?? '.weirdgen', 'workspace');
  // What can refuse the config is settled before the database is opened.
  const endpoints = workspaceEndpoints({ config, env, workspace: dir, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  const fetch = fetchOptionsFor(dir, config, env, options.mirror, options.promptMirror);
  const store = openStore(dir);
  return {
    dir,
    config,
    env,
    prices: priceTable(config.prices),
    defaultBaseModel: config.defaults.baseModel ?? DEFAULT_BASE_MODEL,
    endpoints,
    store,
    fetch,
    async close() {
      try {
        await endpoints.close();
      } finally {
        store.close();
      }
    },
  };
}

/** Runs `action` with `workspace` if it is open already, else with one opened (and closed) for it. */
export async function withWorkspace<T>(workspace: Workspace | WorkspaceOptions | undefined, action: (ws: Workspace) => Promise<T>): Promise<T> {
  if (workspace && 'store' in workspace) return action(workspace);
  const ws = await openWorkspace(workspace);
  try {
    return await action(ws);
  } finally {
    await ws.close();
  }
}
