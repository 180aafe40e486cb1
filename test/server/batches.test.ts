// /v1/batches through the official OpenAI SDK: every request runs through the server's chat path,
// so a batch answers exactly what the direct endpoint answers for the same bodies.
import { describe, expect, it } from 'vitest';
import { parseChatBody, sampleFields, sampleKey } from '../../src/server/index.js';
import { batchInStatus, fileText, serviceFixture, settledBatch, upload } from './service-harness.js';

const URL = '/v1/chat/completions';
const WORDS = ['bird', 'city', 'dish', 'year y1984 goal', 'hero', 'festival'];

function requestLine(customId: string, body: unknown): string {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: URL, body });
}

interface OutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: { choices: unknown[]; usage: unknown; error?: { code: string | null; param: string | null } } };
  error: null;
}

const parseLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as OutputLine);

describe('weirdgen serve: batches', () => {
  const fixture = serviceFixture();

  it('completes a batch whose answers equal the direct completions for the same bodies, and counts them', async () => {
    const { openai, server } = await fixture.start();
    const bodies = Array.from({ length: 50 }, (_, i) => ({
      model: i % 5 === 0 ? 'base-1' : 'base',
      messages: [{ role: 'user', content: WORDS[i % WORDS.length]! }],
      seed: 1000 + i,
      max_tokens: 1 + (i % 4),
      ...(i % 3 === 0 ? { logprobs: true, top_logprobs: 2 } : {}),
      ...(i % 7 === 0 ? { n: 2 } : {}),
    }));
    const input = await upload(openai, bodies.map((b, i) => requestLine(`req-${i}`, b)).join('\n'), 'batch', 'requests.jsonl');
    const created = await openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h', metadata: { run: 'r1' } });
    expect(created).toMatchObject({ object: 'batch', status: 'validating', endpoint: URL, input_file_id: input.id, completion_window: '24h', metadata: { run: 'r1' } });
    // OpenAI's schema has no null for fields not yet set: they are absent.
    for (const unset of ['output_file_id', 'error_file_id', 'in_progress_at', 'errors', 'usage']) expect(created).not.toHaveProperty(unset);
    expect(created.id).toMatch(/^batch_\w+$/);
    expect(created.expires_at).toBe(created.created_at + 24 * 3600);
    const batch = await settledBatch(openai, created.id);
    expect(batch).toMatchObject({ status: 'completed', request_counts: { total: 50, completed: 50, failed: 0 }, model: 'base-1' });
    expect(batch).not.toHaveProperty('error_file_id');
    expect(batch).not.toHaveProperty('errors');
    for (const stamp of ['in_progress_at', 'finalizing_at', 'completed_at'] as const) expect(batch[stamp]).toBeGreaterThanOrEqual(batch.created_at);
    expect(batch.usage!.total_tokens).toBe(batch.usage!.input_tokens + batch.usage!.output_tokens);
    const output = await openai.files.retrieve(batch.output_file_id!);
    expect(output).toMatchObject({ purpose: 'batch_output', filename: `batch_${batch.id}_output.jsonl` });

    const lines = parseLines(await fileText(openai, batch.output_file_id!));
    expect(lines.map((l) => l.custom_id)).toEqual(bodies.map((_, i) => `req-${i}`));
    const direct = await Promise.all(bodies.map((b) => openai.chat.completions.create(b as Parameters<typeof openai.chat.completions.create>[0] & { stream?: false })));
    lines.forEach((line, i) => {
      expect(line).toMatchObject({ error: null, response: { status_code: 200 } });
      expect(line.id).toMatch(/^batch_req_\w+$/);
      expect(line.response.request_id).toMatch(/^req_\w+$/);
      expect(line.response.body.choices).toEqual(direct[i]!.choices);
      expect(line.response.body.usage).toEqual(direct[i]!.usage);
    });
    const stats = server.stats();
    expect(stats).toMatchObject({ batchesCreated: 1, batchRequests: 50, filesCreated: 1 });
    for (const body of bodies) expect(stats.completions[sampleKey(sampleFields(parseChatBody(body)))]).toBe(2);
    expect((await openai.batches.list()).data.map((b) => b.id)).toEqual([batch.id]);
  });

  it('reports requests the chat endpoint rejects in the error file and answers the rest', async () => {
    const { openai } = await fixture.start();
    const lines = [
      requestLine('ok-1', { model: 'base', messages: [{ role: 'user', content: 'bird' }], seed: 1, max_tokens: 2 }),
      requestLine('no-messages', { model: 'base', max_tokens: 2 }),
      requestLine('unknown-model', { model: 'gpt-nope', messages: [{ role: 'user', content: 'bird' }] }),
      requestLine('ok-2', { model: 'base', messages: [{ role: 'user', content: 'city' }], seed: 2, max_tokens: 2 }),
    ];
    const input = await upload(openai, lines.join('\n'), 'batch', 'requests.jsonl');
    const batch = await settledBatch(openai, (await openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h' })).id);
    expect(batch).toMatchObject({ status: 'completed', request_counts: { total: 4, completed: 2, failed: 2 } });
    expect(parseLines(await fileText(openai, batch.output_file_id!)).map((l) => l.custom_id)).toEqual(['ok-1', 'ok-2']);
    const errors = parseLines(await fileText(openai, batch.error_file_id!));
    expect(errors.map((l) => [l.custom_id, l.response.status_code, l.response.body.error?.param, l.error])).toEqual([
      ['no-messages', 400, 'messages', null],
      ['unknown-model', 404, 'model', null],
    ]);
  });

  it('fails a batch whose input lines are malformed, naming each line', async () => {
    const { openai } = await fixture.start();
    const lines = [
      requestLine('a', { model: 'base', messages: [{ role: 'user', content: 'bird' }] }),
      '{"custom_id": "b", "method": "POST", "url": ',
      requestLine('a', { model: 'base', messages: [{ role: 'user', content: 'bird' }] }),
      JSON.stringify({ custom_id: 'c', method: 'GET', url: URL, body: {} }),
      JSON.stringify({ custom_id: 'd', method: 'POST', url: '/v1/embeddings', body: {} }),
    ];
    const input = await upload(openai, lines.join('\n'), 'batch', 'requests.jsonl');
    const batch = await settledBatch(openai, (await openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h' })).id);
    expect(batch).not.toHaveProperty('output_file_id');
    expect(batch).toMatchObject({ status: 'failed', request_counts: { total: 0, completed: 0, failed: 0 } });
    expect(batch.failed_at).toBeGreaterThanOrEqual(batch.created_at);
    expect(batch.errors!.data!.map((e) => [e.line, e.code])).toEqual([
      [2, 'invalid_json_line'],
      [3, 'duplicate_custom_id'],
      [4, 'invalid_method'],
      [5, 'invalid_url'],
    ]);
  });

  it('cancels a batch: cancelling, then cancelled; a finished batch cannot be cancelled', async () => {
    const { openai, server } = await fixture.start({ batchDelayMs: 60_000 });
    const input = await upload(openai, requestLine('a', { model: 'base', messages: [{ role: 'user', content: 'bird' }] }), 'batch', 'requests.jsonl');
    const created = await openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h' });
    const cancelling = await openai.batches.cancel(created.id);
    expect(cancelling.status).toBe('cancelling');
    expect(cancelling.cancelling_at).toBeGreaterThanOrEqual(created.created_at);
    const cancelled = await settledBatch(openai, created.id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled).not.toHaveProperty('output_file_id');
    expect(cancelled.cancelled_at).toBeGreaterThanOrEqual(created.created_at);
    await expect(openai.batches.cancel(created.id)).rejects.toMatchObject({ status: 400 });
    expect(server.stats().batchRequests).toBe(0);
    const slow = await openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h' });
    expect((await batchInStatus(openai, slow.id, 'validating')).status).toBe('validating');
  });

  it('rejects batches OpenAI would reject before creating anything', async () => {
    const { openai, server } = await fixture.start();
    const input = await upload(openai, requestLine('a', { model: 'base', messages: [] }), 'batch', 'requests.jsonl');
    const tuning = await upload(openai, '{}\n', 'fine-tune');
    const create = (body: Partial<Parameters<typeof openai.batches.create>[0]>) => openai.batches.create({ input_file_id: input.id, endpoint: URL, completion_window: '24h', ...body });
    await expect(create({ input_file_id: 'file-nope' })).rejects.toMatchObject({ status: 404, param: 'input_file_id' });
    await expect(create({ input_file_id: tuning.id })).rejects.toMatchObject({ status: 400, param: 'input_file_id' });
    await expect(create({ endpoint: '/v1/embeddings' })).rejects.toMatchObject({ status: 400, param: 'endpoint' });
    await expect(create({ completion_window: '1h' as '24h' })).rejects.toMatchObject({ status: 400, param: 'completion_window' });
    await expect(openai.batches.retrieve('batch_nope')).rejects.toMatchObject({ status: 404 });
    expect(server.stats().batchesCreated).toBe(0);
  });
});
