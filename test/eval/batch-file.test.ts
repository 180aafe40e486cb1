import { describe, expect, it } from 'vitest';
import { batchLine, splitBatches } from '../../src/eval/batch/batch-file.js';
import { plannedCall } from '../../src/eval/plan.js';
import { SANDBOX_CAPABILITIES } from '../../src/providers/sandbox.js';

const call = (i: number, content = 'q bird') => plannedCall(SANDBOX_CAPABILITIES, { endpoint: 'e', model: 'm', messages: [{ role: 'user', content }], temperature: 1, max_tokens: 8, sampleIx: i });

describe('batch input files', () => {
  it('one line per call: the cache key as custom_id and the body the direct call sends', () => {
    const c = call(3);
    expect(JSON.parse(batchLine(c))).toEqual({
      custom_id: c.key,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'm', messages: [{ role: 'user', content: 'q bird' }], temperature: 1, max_tokens: 8, seed: c.request.seed },
    });
  });

  it('splits at the request limit and at the byte limit, keeping order', () => {
    const calls = Array.from({ length: 10 }, (_, i) => call(i));
    expect(splitBatches(calls, { requests: 4, bytes: 1e9 }).map((p) => p.calls.length)).toEqual([4, 4, 2]);
    const lineBytes = Buffer.byteLength(batchLine(calls[0]!)) + 1;
    const parts = splitBatches(calls, { requests: 1000, bytes: lineBytes * 3 });
    expect(parts.map((p) => p.calls.length)).toEqual([3, 3, 3, 1]);
    expect(parts.flatMap((p) => p.calls.map((c) => c.key))).toEqual(calls.map((c) => c.key));
    for (const p of parts) expect(Buffer.byteLength(p.content)).toBeLessThanOrEqual(lineBytes * 3);
    expect(splitBatches([], { requests: 4, bytes: 100 })).toEqual([]);
  });
});
