// The store of a workspace: the database and the tables' accessors.
import { CallCache } from './call-cache.js';
import { openDatabase, storePath, type Db } from './database.js';
import { Runs } from './runs.js';
import { Batches } from './batches.js';
import { Ledger } from './ledger.js';

export interface Store {
  file: string;
  db: Db;
  requests: CallCache;
  judgments: CallCache;
  runs: Runs;
  ledger: Ledger;
  batches: Batches;
  close(): void;
}

export function openStore(workspace: string): Store {
  const file = storePath(workspace);
  const db = openDatabase(file);
  return { file, db, requests: new CallCache(db, 'requests'), judgments: new CallCache(db, 'judgments'), runs: new Runs(db), ledger: new Ledger(db), batches: new Batches(db), close: () => db.close() };
}
