// A stored run's compact result table: read back when the run was sealed complete and nothing it
// rests on changed since (its fingerprint, the stored calls), else rebuilt in one streamed pass over
// the store and kept for next time once the run is sealed.
import { iterateRows, runFingerprint, type EvalDefinition } from '../eval/index.js';
import type { Endpoints } from '../providers/index.js';
import type { Store } from '../store/index.js';
import { RowTable } from './row-table.js';

/**
 * The result table of run `runId` for summaries and figures, in flat memory whatever the run's size.
 *
 * @example
 * const summary = summarizeRun(runTable(ws.store, ws.endpoints, runId, definition), definition);
 */
export function runTable(store: Store, endpoints: Endpoints, runId: string, definition: EvalDefinition): RowTable {
  const fingerprint = runFingerprint(definition, endpoints);
  const saved = store.runs.table(runId, fingerprint);
  if (saved !== undefined) return RowTable.fromBytes(saved);
  const table = RowTable.from(iterateRows(runId, definition, store, endpoints));
  if (store.runs.sealedSummary(runId, fingerprint) !== undefined) store.runs.saveTable(runId, fingerprint, table.toBytes());
  return table;
}
