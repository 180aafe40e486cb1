// Runs: what was asked (the definition, enough to rebuild every row) and how it ended.
import type { Db } from './database.js';

export interface RunRecord<T = unknown> {
  id: string;
  kind: string;
  status: 'running' | 'complete' | 'incomplete' | 'stopped' | 'failed';
  definition: T;
  summary?: unknown;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  kind: string;
  status: RunRecord['status'];
  definition: string;
  summary: string | null;
  created_at: string;
  updated_at: string;
}

export class Runs {
  constructor(private readonly db: Db) {}

  /** Creates the run, or keeps an existing one with the same id (a rerun resumes it). */
  start(id: string, kind: string, definition: unknown): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO runs (id, kind, status, definition, created_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', definition = excluded.definition, updated_at = excluded.updated_at`,
      )
      .run(id, kind, JSON.stringify(definition), now, now);
  }

  finish(id: string, status: RunRecord['status'], summary: unknown): void {
    this.db.prepare(`UPDATE runs SET status = ?, summary = ?, updated_at = ? WHERE id = ?`).run(status, JSON.stringify(summary), new Date().toISOString(), id);
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare<[string], Row>(`SELECT * FROM runs WHERE id = ?`).get(id);
    return row ? fromRow(row) : undefined;
  }

  list(): RunRecord[] {
    return this.db.prepare<[], Row>(`SELECT * FROM runs ORDER BY created_at DESC`).all().map(fromRow);
  }
}

function fromRow(r: Row): RunRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    definition: JSON.parse(r.definition) as unknown,
    ...(r.summary !== null ? { summary: JSON.parse(r.summary) as unknown } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
