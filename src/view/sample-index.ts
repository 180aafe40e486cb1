// The viewer's index of a run's samples in SQLite (migration 8), built the first time the run is
// opened and rebuilt when its version changes: streamed from the run's rows a chunk of 1,000 in
// a transaction at a time, yielding to the server between chunks. No text is copied: the full-text
// index is contentless, and prompts and answers are read by key for the rows shown.
import { conditionOf, inferenceCost, iterateRunRows, type ResultRow } from '../eval/index.js';
import type { ViewContext } from './context.js';
import { notFound } from './errors.js';
import { runPlan } from './run-plan.js';
import { runVersion } from './run-version.js';

const CHUNK = 1000;

/** A run's index as built: where its samples start (ids run in ordinal order) and what they cost. */
export interface IndexedRun {
  runId: string;
  version: string;
  samples: number;
  firstId: number;
  /** The answers' cost in US dollars (judges not counted); null when a model has no price. */
  answersCostUsd: number | null;
  unpriced: string[];
  builtAt: string;
}

interface IndexRow {
  run_id: string;
  version: string;
  samples: number;
  first_id: number;
  answers_cost_usd: number | null;
  unpriced: string;
  built_at: string;
}

const building = new WeakMap<ViewContext, Map<string, Promise<IndexedRun>>>();

function fromRow(r: IndexRow): IndexedRun {
  return { runId: r.run_id, version: r.version, samples: r.samples, firstId: r.first_id, answersCostUsd: r.answers_cost_usd, unpriced: JSON.parse(r.unpriced) as string[], builtAt: r.built_at };
}

/** The index of run `runId` as it stands, fresh or not (undefined when it was never built). */
export function storedIndex(ctx: ViewContext, runId: string): IndexedRun | undefined {
  const row = ctx.store.db.prepare<[string], IndexRow>(`SELECT * FROM view_runs WHERE run_id = ?`).get(runId);
  return row ? fromRow(row) : undefined;
}

/** The index of run `runId` at its current version: the stored one, or one built now (once, however many ask at a time). */
export function ensureSampleIndex(ctx: ViewContext, runId: string): Promise<IndexedRun> {
  const version = runVersion(ctx.store, runId);
  if (version === undefined) return Promise.reject(notFound(`no run "${runId}" in this workspace`));
  const stored = storedIndex(ctx, runId);
  if (stored?.version === version) return Promise.resolve(stored);
  let own = building.get(ctx);
  if (own === undefined) building.set(ctx, (own = new Map()));
  const pending = own.get(runId);
  if (pending !== undefined) return pending;
  const built = buildIndex(ctx, runId, version).finally(() => own.delete(runId));
  own.set(runId, built);
  return built;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function sampleStatus(row: ResultRow): 'ok' | 'failed' | 'pending' {
  if (row.answer !== null) return 'ok';
  return row.error === 'not asked yet' ? 'pending' : 'failed';
}

async function buildIndex(ctx: ViewContext, runId: string, version: string): Promise<IndexedRun> {
  const { db } = ctx.store;
  const plan = runPlan(ctx, runId);
  db.transaction(() => {
    db.prepare(`DELETE FROM view_runs WHERE run_id = ?`).run(runId);
    db.prepare(`DELETE FROM view_text WHERE rowid IN (SELECT id FROM view_samples WHERE run_id = ?)`).run(runId);
    db.prepare(`DELETE FROM view_judges WHERE run_id = ?`).run(runId);
    db.prepare(`DELETE FROM view_samples WHERE run_id = ?`).run(runId);
  })();
  const insertSample = db.prepare(
    `INSERT INTO view_samples (run_id, ordinal, unit_ix, grp, model, question, base_question, condition, paraphrase, sample_ix, request_key, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertJudge = db.prepare(`INSERT INTO view_judges (sample_id, run_id, col, status, label, value) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertText = db.prepare(`INSERT INTO view_text (rowid, prompt, answer) VALUES (?, ?, ?)`);
  const rows = iterateRunRows(ctx.store, ctx.endpoints, runId);
  let ordinal = 0;
  let firstId = -1;
  const writeChunk = db.transaction((chunk: { row: ResultRow; unitIx: number; key: string; prompt: string }[]) => {
    for (const { row, unitIx, key, prompt } of chunk) {
      const { question, condition } = conditionOf(row.question);
      const id = Number(insertSample.run(runId, ordinal++, unitIx, row.group, row.model, row.question, question, condition ?? null, row.paraphraseIx, row.sampleIx, key, sampleStatus(row)).lastInsertRowid);
      if (firstId < 0) firstId = id;
      for (const [column, cell] of Object.entries(row.judges)) {
        insertJudge.run(id, runId, column, cell.status, typeof cell.value === 'string' ? cell.value : null, typeof cell.value === 'number' ? cell.value : null);
      }
      insertText.run(id, prompt, row.answer ?? '');
    }
  });
  // Rows come in the order of the plan's units and samples: each row's unit and key are known without a look-up.
  let chunk: { row: ResultRow; unitIx: number; key: string; prompt: string }[] = [];
  for (let unitIx = 0; unitIx < plan.units.length; unitIx++) {
    const unit = plan.units[unitIx]!;
    for (let s = 0; s < unit.samples; s++) {
      const next = rows.next();
      if (next.done) throw new Error(`run ${runId}: its rows ended before its plan`);
      chunk.push({ row: next.value, unitIx, key: unit.keyOf(s), prompt: unit.prompt });
      if (chunk.length === CHUNK) {
        writeChunk(chunk);
        chunk = [];
        await nextTurn();
      }
    }
  }
  if (chunk.length > 0) writeChunk(chunk);
  const cost = answersCost(ctx, runId);
  const builtAt = new Date().toISOString();
  db.prepare(`INSERT INTO view_runs (run_id, version, samples, first_id, answers_cost_usd, unpriced, built_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(runId, version, ordinal, Math.max(firstId, 0), cost.usd, JSON.stringify(cost.unpriced), builtAt);
  return { runId, version, samples: ordinal, firstId: Math.max(firstId, 0), answersCostUsd: cost.usd, unpriced: cost.unpriced, builtAt };
}

/** What the run's distinct answer calls cost, per endpoint and model at the workspace's prices. */
function answersCost(ctx: ViewContext, runId: string): { usd: number | null; unpriced: string[] } {
  const perModel = ctx.store.db
    .prepare<[string], { endpoint: string; model: string; promptTokens: number; completionTokens: number }>(
      `SELECT r.endpoint, r.model, SUM(r.prompt_tokens) AS promptTokens, SUM(r.completion_tokens) AS completionTokens
       FROM (SELECT DISTINCT request_key FROM view_samples WHERE run_id = ?) k JOIN requests r ON r.key = k.request_key GROUP BY r.endpoint, r.model`,
    )
    .all(runId);
  let usd = 0;
  const unpriced: string[] = [];
  for (const m of perModel) {
    const cost = inferenceCost(m.endpoint, m.model, { promptTokens: m.promptTokens, completionTokens: m.completionTokens }, ctx.prices);
    if (cost === undefined) unpriced.push(`${m.endpoint}:${m.model}`);
    else usd += cost;
  }
  return { usd: unpriced.length ? null : usd, unpriced };
}
