// Every kind of answer `weirdgen serve` gives, validated against the schema OpenAI publishes for it
// (read at test time from the shared mirror of openai/openai-openapi): required fields, types, enums.
import { toFile } from 'openai';
import { beforeAll, describe, expect, it } from 'vitest';
import { OpenAiSpec } from '../helpers/openapi.js';
import type { Schema } from '../helpers/json-schema.js';
import { USER_BIRD } from './harness.js';
import { analogueJsonl, serviceFixture, settledBatch, settledJob, upload, type Service } from './service-harness.js';

interface Answer {
  status: number;
  json: unknown;
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: 'Bearer x', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** The `data:` payloads of a server-sent event stream, [DONE] left out. */
async function events(url: string, body: unknown): Promise<unknown[]> {
  const res = await fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return text
    .split('\n\n')
    .filter((e) => e.startsWith('data: ') && e !== 'data: [DONE]')
    .map((e) => JSON.parse(e.slice('data: '.length)) as unknown);
}

describe("weirdgen serve answers in the shapes of OpenAI's published API reference", () => {
  const fixture = serviceFixture();
  let spec: OpenAiSpec;
  beforeAll(() => {
    spec = new OpenAiSpec();
  });

  function expectConforms(label: string, schema: Schema, value: unknown): void {
    expect.soft({ label, issues: spec.validate(schema, value) }).toEqual({ label, issues: [] });
  }
  const ok = (label: string, answer: Answer, schema: Schema): void => {
    expect({ label, status: answer.status }).toEqual({ label, status: 200 });
    expectConforms(label, schema, answer.json);
  };
  const error = (label: string, answer: Answer, status: number): void => {
    expect({ label, status: answer.status }).toEqual({ label, status });
    expectConforms(label, spec.component('ErrorResponse'), answer.json);
  };

  it('models and chat completions, whole and streamed', async () => {
    const { server } = await fixture.start();
    const url = server.url;
    ok('GET /models', await call(url, 'GET', '/models'), spec.response('/models', 'get'));
    ok('GET /models/base', await call(url, 'GET', '/models/base'), spec.response('/models/{model}', 'get'));
    const completion = spec.response('/chat/completions', 'post');
    ok('chat', await call(url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD, seed: 1 }), completion);
    ok('chat, n = 2 with logprobs', await call(url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD, seed: 1, n: 2, logprobs: true, top_logprobs: 3 }), completion);
    ok('chat with a stop sequence', await call(url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD, stop: ['bird'] }), completion);
    ok('judge with logprobs', await call(url, 'POST', '/chat/completions', { model: 'judge', messages: USER_BIRD, logprobs: true, top_logprobs: 2 }), completion);
    const chunk = spec.response('/chat/completions', 'post', '200', 'text/event-stream');
    for (const body of [
      { model: 'base', messages: USER_BIRD, stream: true },
      { model: 'base', messages: USER_BIRD, stream: true, n: 2, logprobs: true, top_logprobs: 2, stream_options: { include_usage: true } },
    ]) {
      const chunks = await events(url, body);
      expect(chunks.length).toBeGreaterThan(2);
      chunks.forEach((c, i) => expectConforms(`chunk ${i} of ${JSON.stringify(body)}`, chunk, c));
    }
  });

  it('errors of every kind', async () => {
    const { server } = await fixture.start();
    const url = server.url;
    error('invalid parameter', await call(url, 'POST', '/chat/completions', { model: 'base', messages: [] }), 400);
    error('unknown parameter', await call(url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD, nope: 1 }), 400);
    error('invalid JSON', await call(url, 'POST', '/chat/completions', '{'), 400);
    error('unknown model', await call(url, 'POST', '/chat/completions', { model: 'nope', messages: USER_BIRD }), 404);
    error('unknown route', await call(url, 'GET', '/nowhere'), 404);
    error('wrong method', await call(url, 'DELETE', '/chat/completions'), 405);
    error('unknown file', await call(url, 'GET', '/files/file-nope'), 404);
    error('unknown job', await call(url, 'GET', '/fine_tuning/jobs/ftjob-nope'), 404);
    error('unknown batch', await call(url, 'GET', '/batches/batch_nope'), 404);
    const keyed = await fixture.start({ apiKey: 'k' });
    error('wrong key', await call(keyed.server.url, 'GET', '/models'), 401);
    const limited = await fixture.start({ rpm: 1 });
    await call(limited.server.url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD });
    error('rate limited', await call(limited.server.url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD }), 429);
    const small = await fixture.start({ maxBodyBytes: 1024 });
    error('body too large', await call(small.server.url, 'POST', '/chat/completions', { model: 'base', messages: [{ role: 'user', content: 'x'.repeat(2000) }] }), 413);
    for (const [kind, status] of [['500', 500], ['503', 503], ['429', 429]] as const) {
      const faulty = await fixture.start({ faults: { [kind]: 1 } });
      error(`fault ${kind}`, await call(faulty.server.url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD }), status);
      error(`fault ${kind}, streamed`, await call(faulty.server.url, 'POST', '/chat/completions', { model: 'base', messages: USER_BIRD, stream: true }), status);
    }
  });

  it('files, fine-tuning jobs, checkpoints, fine-tuned models, and a failed job', async () => {
    const service: Service = await fixture.start();
    const { openai, server } = service;
    const url = server.url;
    const train = await upload(openai, analogueJsonl('birds', 'old-bird', 20), 'fine-tune');
    const file = spec.response('/files/{file_id}', 'get');
    // The SDK hands back the JSON body of the upload unchanged.
    expectConforms('POST /files', spec.response('/files', 'post'), train);
    ok('GET /files/{id}', await call(url, 'GET', `/files/${train.id}`), file);
    ok('GET /files', await call(url, 'GET', '/files'), spec.response('/files', 'get'));
    const spare = await openai.files.create({ file: await toFile(Buffer.from('{}\n'), 'spare.jsonl'), purpose: 'batch' });
    ok('DELETE /files/{id}', await call(url, 'DELETE', `/files/${spare.id}`), spec.response('/files/{file_id}', 'delete'));

    const job = spec.response('/fine_tuning/jobs/{fine_tuning_job_id}', 'get');
    const created = await call(url, 'POST', '/fine_tuning/jobs', { model: 'base', training_file: train.id, suffix: 'schema', seed: 1, metadata: { a: 'b' }, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } } });
    ok('POST /fine_tuning/jobs', created, spec.response('/fine_tuning/jobs', 'post'));
    const id = (created.json as { id: string }).id;
    const queued = await call(url, 'POST', '/fine_tuning/jobs', { model: 'base', training_file: train.id });
    ok('POST /fine_tuning/jobs/{id}/cancel', await call(url, 'POST', `/fine_tuning/jobs/${(queued.json as { id: string }).id}/cancel`), spec.response('/fine_tuning/jobs/{fine_tuning_job_id}/cancel', 'post'));
    expect((await settledJob(openai, id)).status).toBe('succeeded');
    ok('GET /fine_tuning/jobs/{id}', await call(url, 'GET', `/fine_tuning/jobs/${id}`), job);
    ok('GET /fine_tuning/jobs', await call(url, 'GET', '/fine_tuning/jobs'), spec.response('/fine_tuning/jobs', 'get'));
    ok('GET .../checkpoints', await call(url, 'GET', `/fine_tuning/jobs/${id}/checkpoints`), spec.response('/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints', 'get'));

    ok('GET /models with fine-tuned models and checkpoints', await call(url, 'GET', '/models'), spec.response('/models', 'get'));

    const tooSmall = await upload(openai, analogueJsonl('birds', 'old-bird', 3), 'fine-tune');
    const failing = await openai.fineTuning.jobs.create({ model: 'base', training_file: tooSmall.id });
    expect((await settledJob(openai, failing.id)).status).toBe('failed');
    ok('a failed job', await call(url, 'GET', `/fine_tuning/jobs/${failing.id}`), job);
  });

  it('fine-tuning job events', async () => {
    const { openai, server } = await fixture.start();
    const train = await upload(openai, analogueJsonl('birds', 'old-bird', 10), 'fine-tune');
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: train.id, seed: 1, hyperparameters: { n_epochs: 1 } });
    expect((await settledJob(openai, job.id)).status).toBe('succeeded');
    ok('GET .../events', await call(server.url, 'GET', `/fine_tuning/jobs/${job.id}/events?limit=100`), spec.response('/fine_tuning/jobs/{fine_tuning_job_id}/events', 'get'));
  });

  it('batches and the lines of their output and error files', async () => {
    const { openai, server } = await fixture.start();
    const url = server.url;
    const line = (customId: string, body: unknown) => JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body });
    const input = await upload(openai, [line('a', { model: 'base', messages: USER_BIRD, seed: 1 }), line('b', { model: 'base', messages: USER_BIRD, n: 2, logprobs: true }), line('c', { model: 'nope', messages: USER_BIRD })].join('\n'), 'batch', 'in.jsonl');
    const batch = spec.response('/batches/{batch_id}', 'get');
    const created = await call(url, 'POST', '/batches', { input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { a: 'b' } });
    ok('POST /batches', created, spec.response('/batches', 'post'));
    const id = (created.json as { id: string }).id;
    const done = await settledBatch(openai, id);
    expect(done.status).toBe('completed');
    ok('GET /batches/{id}', await call(url, 'GET', `/batches/${id}`), batch);
    ok('GET /batches', await call(url, 'GET', '/batches'), spec.response('/batches', 'get'));
    const lines = async (fileId: string) => (await (await openai.files.content(fileId)).text()).trim().split('\n').map((l) => JSON.parse(l) as { response: { body: unknown } });
    const output = await lines(done.output_file_id!);
    const errors = await lines(done.error_file_id!);
    expect([output.length, errors.length]).toEqual([2, 1]);
    output.forEach((l, i) => {
      expectConforms(`output line ${i}`, spec.component('BatchRequestOutput'), l);
      expectConforms(`output line ${i} body`, spec.response('/chat/completions', 'post'), l.response.body);
    });
    expectConforms('error line', spec.component('BatchRequestOutput'), errors[0]);
    expectConforms('error line body', spec.component('ErrorResponse'), errors[0]!.response.body);

    const slow = await fixture.start({ batchDelayMs: 60_000 });
    const slowInput = await upload(slow.openai, line('a', { model: 'base', messages: USER_BIRD }), 'batch', 'in.jsonl');
    const pending = await slow.openai.batches.create({ input_file_id: slowInput.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    ok('POST /batches/{id}/cancel', await call(slow.server.url, 'POST', `/batches/${pending.id}/cancel`), spec.response('/batches/{batch_id}/cancel', 'post'));
  });
});
