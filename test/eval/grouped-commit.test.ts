// Answers that land in one turn of the event loop, written in one transaction of a real SQLite file:
// each write is visible to another connection once its promise resolves, groups share a commit,
// and a write that throws takes its whole group back.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { GroupedCommit } from '../../src/eval/calls/grouped-commit.js';
import { tempDir } from '../helpers/paths.js';

function databases() {
  const file = join(tempDir('weirdgen-grouped-'), 'db.sqlite');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY)');
  const reader = new Database(file, { readonly: true });
  const insert = writer.prepare('INSERT INTO rows (id) VALUES (?)');
  const count = () => (reader.prepare('SELECT COUNT(*) AS n FROM rows').get() as { n: number }).n;
  let transactions = 0;
  const commits = new GroupedCommit((writes) => {
    transactions++;
    writer.transaction(writes)();
  });
  return { insert, count, commits, transactions: () => transactions };
}

describe('grouped commits', () => {
  it('commits the writes of one turn together, each visible elsewhere once its promise resolves', async () => {
    const { insert, count, commits, transactions } = databases();
    const first = Array.from({ length: 50 }, (_, i) => commits.add(() => insert.run(i)).then(() => count()));
    expect(count()).toBe(0);
    for (const seenAfter of await Promise.all(first)) expect(seenAfter).toBe(50);
    expect(transactions()).toBe(1);
    await Promise.all([commits.add(() => insert.run(100)), commits.add(() => insert.run(101))]);
    expect(count()).toBe(52);
    expect(transactions()).toBe(2);
  });

  it('a write that throws fails its group, and none of the group is stored', async () => {
    const { insert, count, commits } = databases();
    const group = [commits.add(() => insert.run(1)), commits.add(() => insert.run(1)), commits.add(() => insert.run(2))];
    for (const outcome of await Promise.allSettled(group)) expect(outcome.status).toBe('rejected');
    expect(count()).toBe(0);
    await commits.add(() => insert.run(3));
    expect(count()).toBe(1);
  });
});
