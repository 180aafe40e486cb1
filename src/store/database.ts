// The workspace's SQLite file (WAL): opened once per command, migrated on open.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { WeirdgenError } from '../util/errors.js';
import { MIGRATIONS } from './migrations.js';

export type Db = Database.Database;

export function storePath(workspace: string): string {
  return join(resolve(workspace), 'weirdgen.db');
}

export function openDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // With WAL, NORMAL keeps every committed transaction through a crash of the process.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db, file);
  return db;
}

function migrate(db: Db, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) throw new WeirdgenError(`${file}: the database was written by a newer weirdgen (schema ${version}, this one knows ${MIGRATIONS.length})`);
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
