// Cached model calls: `requests` (answers to questions) and `judgments` (judge calls) share a shape.
// A row is written as soon as its call ends, so a killed run keeps everything that arrived.
import type { ChatChoice } from '../providers/index.js';
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

type LookupRow = Pick<Row, 'key' | 'status' | 'response' | 'error' | 'created_at' | 'prompt_tokens' | 'completion_tokens' | 'latency_ms'>;

export type CallTable = 'requests' | 'judgments';

export interface CachedCall {
  key: string;
  endpoint: string;
  model: string;
  /** What the key was computed from (no secrets): shown by `cache explain`. */
  material: unknown;
  status: 'ok' | 'failed';
  choices?: ChatChoice[];
  promptTokens: number;
  completionTokens: number;
  error?: string;
  attempts: number;
  /** Milliseconds from sending the request to the whole response, of the attempt that answered; null when not measured (a batch's result, a row stored before it was measured). */
  latencyMs: number | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  key: string;
  endpoint: string;
  model: string;
  material: string;
  status: 'ok' | 'failed';
  response: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  error: string | null;
  attempts: number;
  latency_ms: number | null;
  created_at: string;
  updated_at: string;
}

function fromRow(r: Row): CachedCall {
  return {
    key: r.key,
    endpoint: r.endpoint,
    model: r.model,
    material: JSON.parse(r.material) as unknown,
    status: r.status,
    ...(r.response !== null ? { choices: JSON.parse(r.response) as ChatChoice[] } : {}),
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    ...(r.error !== null ? { error: r.error } : {}),
    attempts: r.attempts,
    latencyMs: r.latency_ms,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface CallRecord {
  key: string;
  endpoint: string;
  model: string;
  material: unknown;
}

/** What a batched look-up returns of a stored call: its status, its choices or error, its usage and latency. */
export interface StoredResult {
  status: 'ok' | 'failed';
  choices?: ChatChoice[];
  error?: string;
  promptTokens: number;
  completionTokens: number;
  /** Milliseconds from the request to the whole response; null when not measured (see `CachedCall`). */
  latencyMs: number | null;
}

/** Keys per look-up statement: well under SQLite's limit on bound parameters. */
const LOOKUP_CHUNK = 500;

export class CallCache {
  private readonly getStmt;
  private readonly upsertStmt;
  private readonly lookups = new Map<string, Database.Statement<string[], LookupRow>>();

  constructor(
    private readonly db: Db,
    readonly table: CallTable,
  ) {
    this.getStmt = db.prepare<[string], Row>(`SELECT * FROM ${table} WHERE key = ?`);
    this.upsertStmt = db.prepare(
      `INSERT INTO ${table} (key, endpoint, model, material, status, response, prompt_tokens, completion_tokens, error, attempts, latency_ms, created_at, updated_at)
       VALUES (@key, @endpoint, @model, @material, @status, @response, @promptTokens, @completionTokens, @error, @attempts, @latencyMs, @now, @now)
       ON CONFLICT (key) DO UPDATE SET status = excluded.status, response = excluded.response, prompt_tokens = excluded.prompt_tokens,
         completion_tokens = excluded.completion_tokens, error = excluded.error, attempts = ${table}.attempts + excluded.attempts, latency_ms = excluded.latency_ms, updated_at = excluded.updated_at`,
    );
  }

  get(key: string): CachedCall | undefined {
    const row = this.getStmt.get(key);
    return row ? fromRow(row) : undefined;
  }

  keysWithPrefix(prefix: string, limit = 10): string[] {
    const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    return (this.db.prepare(`SELECT key FROM ${this.table} WHERE key LIKE ? ESCAPE '\\' LIMIT ?`).all(`${escaped}%`, limit) as { key: string }[]).map((r) => r.key);
  }

  /** The keys among `keys` that have an answer (one query per 500 keys). */
  answeredKeys(keys: readonly string[]): Set<string> {
    return new Set(this.answeredAt(keys).keys());
  }

  /** The keys among `keys` that have an answer, with when their row was first written (one query per 500 keys). */
  answeredAt(keys: readonly string[]): Map<string, string> {
    const found = new Map<string, string>();
    this.eachChunk(keys, 'keys', (rows) => {
      for (const row of rows) if (row.status === 'ok') found.set(row.key, row.created_at);
    });
    return found;
  }

  /** The stored status and choices (or error) of each of `keys` that has a row (one query per 500 keys). */
  lookup(keys: readonly string[]): Map<string, StoredResult> {
    const found = new Map<string, StoredResult>();
    this.eachChunk(keys, 'results', (rows) => {
      for (const row of rows) {
        found.set(row.key, {
          status: row.status,
          ...(row.response !== null ? { choices: JSON.parse(row.response) as ChatChoice[] } : {}),
          ...(row.error !== null ? { error: row.error } : {}),
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          latencyMs: row.latency_ms,
        });
      }
    });
    return found;
  }

  private eachChunk(keys: readonly string[], what: 'keys' | 'results', use: (rows: LookupRow[]) => void): void {
    for (let at = 0; at < keys.length; at += LOOKUP_CHUNK) {
      const chunk = keys.slice(at, at + LOOKUP_CHUNK);
      use(this.lookupStatement(what, chunk.length).all(...chunk));
    }
  }

  private lookupStatement(what: 'keys' | 'results', size: number): Database.Statement<string[], LookupRow> {
    const id = `${what}/${size}`;
    let statement = this.lookups.get(id);
    if (statement === undefined) {
      const columns = what === 'keys' ? 'key, status, NULL AS response, NULL AS error, created_at, 0 AS prompt_tokens, 0 AS completion_tokens, NULL AS latency_ms' : 'key, status, response, error, created_at, prompt_tokens, completion_tokens, latency_ms';
      statement = this.db.prepare<string[], LookupRow>(`SELECT ${columns} FROM ${this.table} WHERE key IN (${Array.from({ length: size }, () => '?').join(',')})`);
      this.lookups.set(id, statement);
    }
    return statement;
  }

  /** Runs `writes` in one transaction, committed when it returns. */
  transaction(writes: () => void): void {
    this.db.transaction(writes)();
  }

  /** `latencyMs`: of the attempt that answered, from the request to the whole response; null where no call was timed (a batch's output file). */
  putAnswer(record: CallRecord, choices: ChatChoice[], usage: { promptTokens: number; completionTokens: number }, attempts: number, latencyMs: number | null): void {
    this.upsert(record, { status: 'ok', response: JSON.stringify(choices), promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, error: null, attempts, latencyMs });
  }

  /** A failure never replaces an answer. */
  putFailure(record: CallRecord, reason: string, attempts: number): void {
    if (this.get(record.key)?.status === 'ok') return;
    this.upsert(record, { status: 'failed', response: null, promptTokens: 0, completionTokens: 0, error: reason, attempts, latencyMs: null });
  }

  stats(): { status: string; endpoint: string; model: string; count: number; promptTokens: number; completionTokens: number }[] {
    return this.db
      .prepare(`SELECT status, endpoint, model, COUNT(*) AS count, SUM(prompt_tokens) AS promptTokens, SUM(completion_tokens) AS completionTokens FROM ${this.table} GROUP BY status, endpoint, model ORDER BY endpoint, model, status`)
      .all() as { status: string; endpoint: string; model: string; count: number; promptTokens: number; completionTokens: number }[];
  }

  /** Deletes matching rows; returns how many. */
  clear(filter: { endpoint?: string; model?: string; failedOnly?: boolean } = {}): number {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.endpoint !== undefined) (where.push('endpoint = ?'), params.push(filter.endpoint));
    if (filter.model !== undefined) (where.push('model = ?'), params.push(filter.model));
    if (filter.failedOnly) where.push(`status = 'failed'`);
    return this.db.prepare(`DELETE FROM ${this.table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`).run(...params).changes;
  }

  private upsert(record: CallRecord, fields: { status: 'ok' | 'failed'; response: string | null; promptTokens: number; completionTokens: number; error: string | null; attempts: number; latencyMs: number | null }): void {
    this.upsertStmt.run({ key: record.key, endpoint: record.endpoint, model: record.model, material: JSON.stringify(record.material), ...fields, now: new Date().toISOString() });
  }
}
