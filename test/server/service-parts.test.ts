// The fine-tuning service's pure parts: hyperparameter rules, status moves, names, pages, metadata
// filters, batch input checks, and the record store's atomic, coalesced writes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canAdvanceBatch } from '../../src/server/batches/batch-record.js';
import { parseBatchInput } from '../../src/server/batches/input.js';
import { resolveHyperparameters } from '../../src/server/fine-tuning/hyperparameters.js';
import { canAdvance } from '../../src/server/fine-tuning/job-record.js';
import { checkpointModelName, fineTunedModelName } from '../../src/server/fine-tuning/names.js';
import { paginate } from '../../src/server/lists.js';
import { matchesMetadata, metadataFilter } from '../../src/server/metadata.js';
import { RecordStore } from '../../src/server/state/record-store.js';
import { tempDir } from '../helpers/paths.js';

describe('fine-tuning service parts', () => {
  it('resolves auto hyperparameters: OpenAI epochs, batch 8 (or the file), multiplier 1', () => {
    const auto = { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto' } as const;
    expect(resolveHyperparameters(auto, 200)).toEqual({ n_epochs: 3, batch_size: 8, learning_rate_multiplier: 1 });
    expect(resolveHyperparameters(auto, 20)).toEqual({ n_epochs: 5, batch_size: 8, learning_rate_multiplier: 1 });
    expect(resolveHyperparameters(auto, 5)).toEqual({ n_epochs: 20, batch_size: 5, learning_rate_multiplier: 1 });
    expect(resolveHyperparameters(auto, 20_000)).toEqual({ n_epochs: 1, batch_size: 8, learning_rate_multiplier: 1 });
    expect(resolveHyperparameters({ n_epochs: 2, batch_size: 1, learning_rate_multiplier: 0.5 }, 20)).toEqual({ n_epochs: 2, batch_size: 1, learning_rate_multiplier: 0.5 });
  });

  it('moves jobs and batches forward only, never out of a final status', () => {
    expect(canAdvance('validating_files', 'queued')).toBe(true);
    expect(canAdvance('running', 'queued')).toBe(false);
    expect(canAdvance('running', 'cancelled')).toBe(true);
    expect(canAdvance('succeeded', 'cancelled')).toBe(false);
    expect(canAdvanceBatch('validating', 'in_progress')).toBe(true);
    expect(canAdvanceBatch('in_progress', 'validating')).toBe(false);
    expect(canAdvanceBatch('in_progress', 'cancelled')).toBe(false);
    expect(canAdvanceBatch('cancelling', 'cancelled')).toBe(true);
    expect(canAdvanceBatch('cancelling', 'completed')).toBe(false);
    expect(canAdvanceBatch('completed', 'cancelling')).toBe(false);
  });

  it("names models in OpenAI's pattern", () => {
    expect(fineTunedModelName('base-3', 'birds', 'ftjob-abcdefghijklmnop12345678')).toBe('ft:base-3:weirdgen:birds:12345678');
    expect(fineTunedModelName('base-1', null, 'ftjob-xyz0123456789ab')).toBe('ft:base-1:weirdgen::456789ab');
    expect(checkpointModelName('ft:base-1:weirdgen::456789ab', 30)).toBe('ft:base-1:weirdgen::456789ab:ckpt-step-30');
  });

  it('pages lists after an id, and filters by metadata', () => {
    const items = ['a', 'b', 'c'].map((id) => ({ id }));
    expect(paginate(items, { limit: 2 })).toEqual({ object: 'list', data: [{ id: 'a' }, { id: 'b' }], first_id: 'a', last_id: 'b', has_more: true });
    expect(paginate(items, { limit: 2, after: 'b' })).toEqual({ object: 'list', data: [{ id: 'c' }], first_id: 'c', last_id: 'c', has_more: false });
    expect(() => paginate(items, { limit: 2, after: 'z' })).toThrow(/after/);
    const filter = metadataFilter(new URLSearchParams('limit=3&metadata[variant]=old&metadata[seed]=1'));
    expect(filter).toEqual({ variant: 'old', seed: '1' });
    expect(matchesMetadata({ variant: 'old', seed: '1', x: 'y' }, filter)).toBe(true);
    expect(matchesMetadata({ variant: 'old' }, filter)).toBe(false);
    expect(matchesMetadata(null, metadataFilter(new URLSearchParams('metadata=')))).toBe(true);
    expect(matchesMetadata({ a: 'b' }, metadataFilter(new URLSearchParams('metadata=')))).toBe(false);
    expect(metadataFilter(new URLSearchParams('limit=3'))).toBeUndefined();
  });

  it('checks batch input lines before anything runs', () => {
    const line = (o: unknown) => JSON.stringify(o);
    const ok = { custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'base' } };
    const good = parseBatchInput(Buffer.from(`${line(ok)}\r\n\n${line({ ...ok, custom_id: 'b' })}`), '/v1/chat/completions');
    expect(good).toEqual({ ok: true, requests: [{ line: 1, customId: 'a', body: { model: 'base' } }, { line: 3, customId: 'b', body: { model: 'base' } }] });
    const bad = parseBatchInput(Buffer.from([line([1]), line({ ...ok, custom_id: '' }), line({ ...ok, body: 'x' }), 'nope'].join('\n')), '/v1/chat/completions');
    expect(bad.ok ? [] : bad.errors.map((e) => [e.line, e.code, e.param])).toEqual([
      [1, 'invalid_request', null],
      [2, 'missing_required_parameter', 'custom_id'],
      [3, 'invalid_request', 'body'],
      [4, 'invalid_json_line', null],
    ]);
    expect(parseBatchInput(Buffer.from('\n'), '/v1/chat/completions')).toMatchObject({ ok: false, errors: [{ code: 'empty_file' }] });
  });

  it('writes records atomically, coalesces bursts, and reads them back in creation order', async () => {
    const dir = tempDir('weirdgen-records-');
    const store = new RecordStore<{ id: string; n: number }>(dir, (raw) => raw as { id: string; n: number });
    const a = { id: 'a', n: 0 };
    await store.insert(a);
    await store.insert({ id: 'b', n: 0 });
    const writes = Array.from({ length: 50 }, (_, i) => {
      a.n = i + 1;
      return store.save('a');
    });
    await Promise.all(writes);
    expect(JSON.parse(readFileSync(`${dir}/a.json`, 'utf8'))).toEqual({ seq: 0, value: { id: 'a', n: 50 } });
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.json']);
    const again = new RecordStore<{ id: string; n: number }>(dir, (raw) => raw as { id: string; n: number });
    await again.load();
    expect(again.newestFirst().map((r) => r.id)).toEqual(['b', 'a']);
    await again.delete('b');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });
});
