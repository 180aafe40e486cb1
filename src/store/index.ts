// The store's face: the workspace database (cached calls, runs, batches, the fine-tuning ledger).
export { Batches, type BatchRecord } from './batches.js';
export { type CachedCall, CallCache, type StoredResult } from './call-cache.js';
export type { ResultFileRecord, StepMetric } from './ledger-metrics.js';
export { Ledger, type LedgerJob } from './ledger.js';
export { resumeHint, shownRunStatus } from './run-liveness.js';
export { openStore, type Store } from './store.js';
