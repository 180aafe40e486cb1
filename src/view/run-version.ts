// What a run's rows rest on, as one string: the index of its samples is rebuilt when it changes. A
// run sealed complete at the current cache generation rests on its seal. Any other run rests on its
// record's last change and on the store's calls: a call added raises the newest rowid, one removed or
// an answer replaced raises the cache generation, and a failed call answered in place (which does
// neither) lowers the count of failed calls (a partial index keeps that count cheap).
import type { Store } from '../store/index.js';

/** Bumped when the index's rows change meaning, so that an index built by an older viewer is rebuilt. */
const INDEX_FORMAT = 2;

interface RunState {
  status: string;
  updated_at: string;
  sealed_fingerprint: string | null;
  sealed_generation: number | null;
}

type CallTable = 'requests' | 'judgments';

function callsState(store: Store, table: CallTable): string {
  const newest = store.db.prepare<[], { n: number | null }>(`SELECT MAX(rowid) AS n FROM ${table}`).get()?.n ?? 0;
  const failed = store.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE status = 'failed'`).get()!.n;
  return `${newest}/${failed}`;
}

/** The version of run `runId`'s rows now, or undefined when there is no such run. */
export function runVersion(store: Store, runId: string): string | undefined {
  const run = store.db.prepare<[string], RunState>(`SELECT status, updated_at, sealed_fingerprint, sealed_generation FROM runs WHERE id = ?`).get(runId);
  if (run === undefined) return undefined;
  const generation = store.runs.cacheGeneration();
  if (run.status === 'complete' && run.sealed_fingerprint !== null && run.sealed_generation === generation) return `v${INDEX_FORMAT}:sealed:${run.sealed_fingerprint}:${generation}`;
  return `v${INDEX_FORMAT}:open:${run.status}:${run.updated_at}:${generation}:${callsState(store, 'requests')}:${callsState(store, 'judgments')}`;
}
