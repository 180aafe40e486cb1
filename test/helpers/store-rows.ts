// Watching another process's progress through the workspace database: wait until it has stored rows.
import { existsSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { storePath } from '../../src/store/database.js';

/** Rows of `table` (`requests` or `judgments`) with status ok, or 0 while the database or table does not exist yet. */
export function storedRows(workspace: string, table: 'requests' | 'judgments'): number {
  const file = storePath(workspace);
  if (!existsSync(file)) return 0;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE status = 'ok'`).get() as { n: number }).n;
  } catch {
    // Not migrated yet, or caught mid-creation: nothing stored.
    return 0;
  } finally {
    db?.close();
  }
}

/**
 * Polls until `child` has stored at least `atLeast` rows of `table`; fails if it exits first or
 * nothing reaches the count within `timeoutMs` (a bound on a hang, not a guess at timing).
 */
export async function waitForStoredRows(workspace: string, table: 'requests' | 'judgments', atLeast: number, child: ChildProcess, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = storedRows(workspace, table);
    if (n >= atLeast) return n;
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) with ${n} ${table} stored, before ${atLeast}`);
    if (Date.now() > deadline) throw new Error(`${n} ${table} stored after ${timeoutMs} ms, waiting for ${atLeast}`);
    await sleep(10);
  }
}
