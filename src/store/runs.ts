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
    ...(r.owner_pid !== null && r.owner_host !== null ? { owner: { pid: r.owner_pid, host: r.owner_host } } : {}),
    ...(r.resume_command !== null ? { resumeCommand: r.resume_command } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
