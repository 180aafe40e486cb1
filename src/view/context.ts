// What every query of the viewer reads: the workspace's store, its endpoints (to rebuild a run's
// plan from its definition), the prices its costs are counted at, and how an experiment's files
// are read (for its figures' conditions and question categories).
import type { FetchOptions, PriceTable } from '../data/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';

export interface ViewContext {
  store: Store;
  endpoints: Endpoints;
  prices: PriceTable;
  /**
   * The workspace's fetch options (cache, mirror), to read an experiment run's question files as
   * `weirdgen report` does; without them its trigger-pair figures show numbered sets of questions.
   */
  fetch?: FetchOptions;
}
