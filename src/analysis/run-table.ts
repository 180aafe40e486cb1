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
  const read = saved === undefined ? undefined : readTable(saved);
  if (read !== undefined) return read;
  const generation = store.runs.cacheGeneration();
  const table = RowTable.from(iterateRows(runId, definition, store, endpoints));
  if (store.runs.sealedSummary(runId, fingerprint) !== undefined) store.runs.saveTable(runId, fingerprint, generation, table.toBytes());
  return table;
}

/** A stored table, or undefined when another weirdgen wrote it in another layout. */
function readTable(bytes: Uint8Array): RowTable | undefined {
  try {
    return RowTable.fromBytes(bytes);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}
