// Runs: what was asked (the definition, enough to rebuild every row), who runs it, and how it ended.
import { hostname } from 'node:os';
import type { Db } from './database.js';

/** The process that last started (or resumed) a run. */
export interface RunOwner {
  pid: number;
  host: string;
}

export interface RunRecord<T = unknown> {
  id: string;
  kind: string;
  status: 'running' | 'complete' | 'incomplete' | 'stopped' | 'failed';
  definition: T;
  summary?: unknown;
  /** Absent for runs stored before owners were recorded. */
  owner?: RunOwner;
  /** The command line that resumes the run, when the command that started it said so. */
  resumeCommand?: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  kind: string;
  status: RunRecord['status'];
  definition: string;
  summary: string | null;
  owner_pid: number | null;
  owner_host: string | null;
  resume_command: string | null;
  created_at: string;
  updated_at: string;
}

export class Runs {
  constructor(
    private readonly db: Db,
    /** This process, recorded as the owner of the runs it starts. */
    private readonly owner: RunOwner = { pid: process.pid, host: hostname() },
  ) {}

  /** Creates the run, or keeps an existing one with the same id (a rerun resumes it); either way this process owns it. */
  start(id: string, kind: string, definition: unknown, resumeCommand?: string): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO runs (id, kind, status, definition, owner_pid, owner_host, resume_command, created_at, updated_at) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = 'running', definition = excluded.definition, owner_pid = excluded.owner_pid, owner_host = excluded.owner_host,
           resume_command = COALESCE(excluded.resume_command, runs.resume_command), updated_at = excluded.updated_at`,
      )
      .run(id, kind, JSON.stringify(definition), this.owner.pid, this.owner.host, resumeCommand ?? null, now, now);
  }

  /**
   * Records how the run ended. A `complete` run given a seal (the fingerprint of what decides its
   * calls, and the cache generation read before the run read them) stays complete while neither changes.
   */
  finish(id: string, status: RunRecord['status'], summary: unknown, seal?: { fingerprint: string; generation: number }): void {
    const sealed = status === 'complete' ? seal : undefined;
    this.db
      .prepare(`UPDATE runs SET status = ?, summary = ?, updated_at = ?, sealed_fingerprint = ?, sealed_generation = ? WHERE id = ?`)
      .run(status, JSON.stringify(summary), new Date().toISOString(), sealed?.fingerprint ?? null, sealed?.generation ?? null, id);
  }

  /**
   * The cache generation now: read it before reading the calls a seal or a saved table rests on,
   * so that a call removed meanwhile leaves them stale rather than sealed.
   */
  cacheGeneration(): number {
    return (this.db.prepare<[], { generation: number }>(`SELECT generation FROM cache_state`).get()!).generation;
  }

  /** The summary of run `id` if it was sealed complete with `fingerprint` and no stored call has been removed or replaced since. */
  sealedSummary(id: string, fingerprint: string): unknown {
    const row = this.db
      .prepare<[string, string], { summary: string | null }>(`SELECT summary FROM runs WHERE id = ? AND status = 'complete' AND sealed_fingerprint = ? AND sealed_generation = (SELECT generation FROM cache_state)`)
      .get(id, fingerprint);
    return row?.summary != null ? (JSON.parse(row.summary) as unknown) : undefined;
  }

  /** The stored result table of run `id`, if it was saved with `fingerprint` at the current cache generation. */
  table(id: string, fingerprint: string): Buffer | undefined {
    return this.db
      .prepare<[string, string], { data: Buffer }>(`SELECT data FROM run_tables WHERE run_id = ? AND fingerprint = ? AND generation = (SELECT generation FROM cache_state)`)
      .get(id, fingerprint)?.data;
  }

  /** Keeps run `id`'s result table for `fingerprint`, built from calls read at cache generation `generation`. */
  saveTable(id: string, fingerprint: string, generation: number, data: Uint8Array): void {
    this.db
      .prepare(`INSERT INTO run_tables (run_id, fingerprint, generation, data) VALUES (?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET fingerprint = excluded.fingerprint, generation = excluded.generation, data = excluded.data`)
      .run(id, fingerprint, generation, data);
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
    ...(r.owner_pid !== null && r.owner_host !== null ? { owner: { pid: r.owner_pid, host: r.owner_host } } : {}),
    ...(r.resume_command !== null ? { resumeCommand: r.resume_command } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
