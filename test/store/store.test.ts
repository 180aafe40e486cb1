import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/paths.js';

const record = { key: 'k1', endpoint: 'sandbox', model: 'base', material: { sampleIx: 0 } };
const usage = { promptTokens: 3, completionTokens: 2 };

describe('store', () => {
  it('opens in WAL mode at the latest schema, and reopens without migrating again', () => {
    const ws = tempDir();
    const store = openStore(ws);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    store.requests.putAnswer(record, [{ text: 'hi', finishReason: 'stop' }], usage, 1, 120);
    store.close();
    const again = openStore(ws);
    expect(again.requests.get('k1')?.choices).toEqual([{ text: 'hi', finishReason: 'stop' }]);
    expect(again.requests.get('k1')?.latencyMs).toBe(120);
    again.close();
  });

  it('a failure never replaces an answer; an answer replaces a failure; attempts add up', () => {
    const store = openStore(tempDir());
    store.requests.putFailure(record, 'server (500): down', 3);
    expect(store.requests.answeredKeys(['k1']).size).toBe(0);
    expect(store.requests.lookup(['k1']).get('k1')).toEqual({ status: 'failed', error: 'server (500): down', promptTokens: 0, completionTokens: 0, latencyMs: null });
    store.requests.putAnswer(record, [{ text: 'ok', finishReason: 'stop' }], usage, 2, 80);
    store.requests.putFailure(record, 'late failure', 1);
    const call = store.requests.get('k1')!;
    expect(call.status).toBe('ok');
    expect(call.attempts).toBe(5);
    expect(call.error).toBeUndefined();
    expect(store.requests.lookup(['k1']).get('k1')).toEqual({ status: 'ok', choices: [{ text: 'ok', finishReason: 'stop' }], promptTokens: 3, completionTokens: 2, latencyMs: 80 });
    expect(store.requests.keysWithPrefix('k')).toEqual(['k1']);
    expect(store.requests.keysWithPrefix('%')).toEqual([]);
    store.close();
  });

  it('refuses a database written by a newer weirdgen', () => {
    const ws = tempDir();
    openStore(ws).close();
    const db = new Database(join(ws, 'weirdgen.db'));
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openStore(ws)).toThrow(/newer weirdgen/);
  });
});
