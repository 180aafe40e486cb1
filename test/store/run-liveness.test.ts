// Runs record the process that runs them; a running run whose process is gone shows as interrupted.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { resumeHint, shownRunStatus } from '../../src/store/run-liveness.js';
import { Runs } from '../../src/store/runs.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/paths.js';

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('run owners', () => {
  it('records this process and host; a live owner is running, a finished run keeps its status', () => {
    const store = openStore(tempDir());
    store.runs.start('r', 'eval', { q: 1 }, 'weirdgen eval q.yaml --run r');
    const run = store.runs.get('r')!;
    expect(run.owner).toEqual({ pid: process.pid, host: hostname() });
    expect(run.resumeCommand).toBe('weirdgen eval q.yaml --run r');
    expect(shownRunStatus(run)).toBe('running');
    store.runs.finish('r', 'complete', {});
    expect(shownRunStatus(store.runs.get('r')!)).toBe('complete');
    store.close();
  });

  it('a running run whose process is gone is interrupted, with the command that resumes it', () => {
    const store = openStore(tempDir());
    const pid = deadPid();
    new Runs(store.db, { pid, host: hostname() }).start('r', 'eval', {}, 'weirdgen eval q.yaml --run r');
    const run = store.runs.get('r')!;
    expect(shownRunStatus(run)).toBe('interrupted');
    expect(resumeHint(run)).toBe(`r: interrupted (process ${pid} on ${hostname()} is gone); every stored answer is kept; to resume, run the same command again: weirdgen eval q.yaml --run r`);
    // A rerun takes the run over (and keeps the resume command when it gives none).
    store.runs.start('r', 'eval', {});
    expect(shownRunStatus(store.runs.get('r')!)).toBe('running');
    expect(store.runs.get('r')!.resumeCommand).toBe('weirdgen eval q.yaml --run r');
    store.close();
  });

  it('cannot judge a run of another host, or one stored before owners were recorded', () => {
    const ws = tempDir();
    const store = openStore(ws);
    new Runs(store.db, { pid: deadPid(), host: 'elsewhere' }).start('far', 'eval', {});
    expect(shownRunStatus(store.runs.get('far')!)).toBe('running');
    expect(shownRunStatus(store.runs.get('far')!, { host: 'elsewhere', isAlive: () => false })).toBe('interrupted');
    store.close();

    // A workspace of schema 4 with a running run: migrated, listed, left as it was.
    const old = tempDir();
    const db = new Database(join(old, 'weirdgen.db'));
    db.exec(MIGRATIONS.slice(0, 4).join('\n'));
    db.pragma('user_version = 4');
    db.prepare(`INSERT INTO runs (id, kind, status, definition, created_at, updated_at) VALUES ('o', 'eval', 'running', '{}', 'x', 'x')`).run();
    db.close();
    const migrated = openStore(old);
    const run = migrated.runs.get('o')!;
    expect(run.owner).toBeUndefined();
    expect(shownRunStatus(run)).toBe('running');
    expect(resumeHint(run)).toContain('run the command that started it again');
    migrated.close();
  });
});
