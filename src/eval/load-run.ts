// A stored run, read back: its definition and rows.
import type { Endpoints } from '../providers/endpoints.js';
import type { Store } from '../store/store.js';
import { WeirdgenError } from '../util/errors.js';
import type { EvalDefinition } from './plan.js';
import { buildRows, type ResultRow } from './rows.js';

export function loadRunDefinition(store: Store, runId: string): EvalDefinition {
  const run = store.runs.get(runId);
  if (!run) {
    const known = store.runs.list().map((r) => r.id);
    throw new WeirdgenError(`no run "${runId}" in ${store.file}${known.length ? `; runs: ${known.slice(0, 10).join(', ')}` : ''}`);
  }
  // Written by this program from a validated definition.
  return run.definition as EvalDefinition;
}

export function loadRunRows(store: Store, endpoints: Endpoints, runId: string): ResultRow[] {
  return buildRows(runId, loadRunDefinition(store, runId), store, endpoints);
}
