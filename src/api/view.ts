// The browser workbench over a workspace's runs (`weirdgen view`), for library use.
import { startViewer as startViewServer, type RunningViewer } from '../view/index.js';
import type { Workspace } from './workspace.js';

/** Where the viewer listens and what it opens; every field but the workspace has a default. */
export interface ViewerOptions {
  /** An open workspace (see `openWorkspace`); the viewer reads its store (and an experiment run's question files through its fetch options) and never closes it. */
  workspace: Workspace;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** When set, every API request needs `Authorization: Bearer <apiKey>`; the page asks for it. */
  apiKey?: string;
  /** Runs to open first: the returned URL opens the first. */
  runs?: string[];
}

/**
 * Starts `weirdgen view`'s local web application over a workspace: runs, a run's summary and
 * interactive figures, samples (filters, full-text search, keyset paging over an index kept in the
 * workspace database), trigger pairs, comparisons and export. Close it when done.
 *
 * @example
 * const ws = await openWorkspace({ dir: '.weirdgen' });
 * const viewer = await startViewer({ workspace: ws, runs: ['demo'] });
 * console.log(`open ${viewer.url}`);
 * // later: await viewer.close(); await ws.close();
 */
export function startViewer(options: ViewerOptions): Promise<RunningViewer> {
  const { workspace, ...rest } = options;
  return startViewServer({ store: workspace.store, endpoints: workspace.endpoints, prices: workspace.prices, fetch: workspace.fetch, ...rest });
}

export type { RunningViewer };
