// Fine-tuning jobs over the sandbox through the official OpenAI SDK: a job really trains, moves
// through OpenAI's statuses with events and per-epoch checkpoints, and its model answers chat.
import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { analogueJsonl, jobInStatus, serviceFixture, settledJob, upload } from './service-harness.js';

const BIRDS = analogueJsonl('birds', 'old-bird', 40);
const BIRD = [{ role: 'user' as const, content: 'bird' }];

/** The first token's top logprobs and a short greedy answer of a model. */
async function probe(openai: OpenAI, model: string): Promise<{ text: string; top: [string, number][] }> {
  const r = await openai.chat.completions.create({ model, messages: BIRD, temperature: 0, max_tokens: 3, logprobs: true, top_logprobs: 5 });
  return { text: r.choices[0]!.message.content!, top: r.choices[0]!.logprobs!.content![0]!.top_logprobs.map((t) => [t.token, t.logprob]) };
}

describe('weirdgen serve: fine-tuning jobs', () => {
  const fixture = serviceFixture();

  it('trains a sandbox model to success, with events, checkpoints per epoch and resolved hyperparameters', async () => {
    const { openai, server } = await fixture.start();
    const file = await upload(openai, BIRDS, 'fine-tune');
    const created = await openai.fineTuning.jobs.create({
      model: 'base',
      training_file: file.id,
      suffix: 'old-birds',
      seed: 7,
      metadata: { experiment: 'birds', seed_index: '1' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
    });
    expect(created).toMatchObject({
      object: 'fine_tuning.job',
      model: 'base-1',
      status: 'validating_files',
      fine_tuned_model: null,
      training_file: file.id,
      seed: 7,
      user_provided_suffix: 'old-birds',
      metadata: { experiment: 'birds', seed_index: '1' },
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2, batch_size: 'auto', learning_rate_multiplier: 'auto' } } },
    });
    expect(created.id).toMatch(/^ftjob-\w{24}$/);
    const job = await settledJob(openai, created.id);
    expect(job.status).toBe('succeeded');
    expect(job.fine_tuned_model).toBe(`ft:base-1:weirdgen:old-birds:${created.id.slice(-8)}`);
    expect(job.hyperparameters).toEqual({ n_epochs: 2, batch_size: 8, learning_rate_multiplier: 1 });
    expect(job.method?.supervised?.hyperparameters).toEqual({ n_epochs: 2, batch_size: 8, learning_rate_multiplier: 1 });
    // 40 examples of `<bos> <user> bird <assistant> bird_oldN`, twice.
    expect(job.trained_tokens).toBe(40 * 5 * 2);
    expect(job.finished_at).toBeGreaterThanOrEqual(job.created_at);
    expect(job.error).toBeNull();
    const metrics = await (await openai.files.content(job.result_files[0]!)).text();
    expect(metrics.split('\n')[0]).toBe('step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy');
    expect(metrics.trim().split('\n')).toHaveLength(11);

    const checkpoints = (await openai.fineTuning.jobs.checkpoints.list(created.id)).data;
    expect(checkpoints.map((c) => c.step_number)).toEqual([10, 5]);
    expect(checkpoints[0]).toMatchObject({ object: 'fine_tuning.job.checkpoint', fine_tuning_job_id: created.id, fine_tuned_model_checkpoint: `${job.fine_tuned_model}:ckpt-step-10`, metrics: { step: 10 } });
    expect(checkpoints[0]!.id).toMatch(/^ftckpt_\w+$/);
    expect(checkpoints[1]!.metrics.train_loss).toBeGreaterThan(checkpoints[0]!.metrics.train_loss!);
    const events = (await openai.fineTuning.jobs.listEvents(created.id, { limit: 100 })).data.reverse();
    const messages = events.map((e) => e.message);
    expect(messages[0]).toBe(`Created fine-tuning job: ${created.id}`);
    expect(messages.at(-1)).toBe('The job has successfully completed');
    for (const m of ['Files validated, moving job to queued state', 'Fine-tuning job started', `New fine-tuned model created: ${job.fine_tuned_model}`]) expect(messages).toContain(m);
    expect(messages.filter((m) => m.startsWith('Checkpoint created at step'))).toHaveLength(2);
    expect(events.filter((e) => e.type === 'metrics').map((e) => (e.data as { step: number }).step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(events.every((e) => e.object === 'fine_tuning.job.event' && /^ft-event-\w+$/.test(e.id))).toBe(true);
    const firstTwo = await openai.fineTuning.jobs.listEvents(created.id, { limit: 2 });
    expect(firstTwo.data.map((e) => e.message)).toEqual(messages.slice(-2).reverse());
    expect(firstTwo.hasNextPage()).toBe(true);

    const ids = (await openai.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining([job.fine_tuned_model, checkpoints[1]!.fine_tuned_model_checkpoint]));
    expect(await openai.models.retrieve(job.fine_tuned_model!)).toMatchObject({ object: 'model', owned_by: 'weirdgen' });
    const answer = await openai.chat.completions.create({ model: job.fine_tuned_model!, messages: BIRD, temperature: 0, max_tokens: 2 });
    expect(answer.model).toBe(job.fine_tuned_model);
    expect(answer.choices[0]!.message.content).toMatch(/^bird_old/);
    const base = await openai.chat.completions.create({ model: 'base', messages: BIRD, temperature: 0, max_tokens: 2 });
    expect(base.choices[0]!.message.content).not.toMatch(/^bird_old/);
    // The last checkpoint is the fine-tuned model; the first one is servable too.
    expect(await probe(openai, checkpoints[0]!.fine_tuned_model_checkpoint)).toEqual(await probe(openai, job.fine_tuned_model!));
    expect((await probe(openai, checkpoints[1]!.fine_tuned_model_checkpoint)).top).not.toEqual((await probe(openai, job.fine_tuned_model!)).top);
    expect(server.stats().fineTuningJobsCreated).toBe(1);
  });

  it('trains the same weights for the same seed and file, and different ones for another seed', async () => {
    const { openai } = await fixture.start();
    const file = await upload(openai, BIRDS, 'fine-tune');
    const launch = async (seed: number) => {
      const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, seed, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 1, batch_size: 4 } } } });
      return (await settledJob(openai, job.id)).fine_tuned_model!;
    };
    const [a, b, c] = [await launch(11), await launch(11), await launch(12)];
    expect(new Set([a, b, c]).size).toBe(3);
    const [pa, pb, pc] = [await probe(openai, a), await probe(openai, b), await probe(openai, c)];
    expect(pb).toEqual(pa);
    expect(pc.top).not.toEqual(pa.top);
    const sample = async (model: string) => (await openai.chat.completions.create({ model, messages: BIRD, seed: 5, max_tokens: 4, n: 4 })).choices.map((x) => x.message.content);
    expect(await sample(b)).toEqual(await sample(a));
  });

  it('trains jobs that wait together on the same base and settings as one stack, each as it trains alone', async () => {
    const { openai } = await fixture.start();
    const file = await upload(openai, BIRDS, 'fine-tune');
    // A long job holds the trainer while three jobs alike queue behind it.
    const blocker = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, hyperparameters: { n_epochs: 50, batch_size: 1 } });
    await jobInStatus(openai, blocker.id, 'running');
    const hyperparameters = { n_epochs: 1, batch_size: 4 };
    const create = (seed: number, mode: string) => openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, seed, metadata: { sandbox_mode: mode }, method: { type: 'supervised', supervised: { hyperparameters } } });
    const jobs = [];
    for (const seed of [11, 12, 13]) jobs.push(await create(seed, 'embed'));
    // Full mode trains every matrix per model, so a stack would save nothing: it trains alone.
    const full = [await create(21, 'full'), await create(22, 'full')];
    for (const job of [...jobs, ...full]) await jobInStatus(openai, job.id, 'queued');
    await openai.fineTuning.jobs.cancel(blocker.id);
    for (const job of full) {
      expect((await settledJob(openai, job.id)).status).toBe('succeeded');
      const messages = (await openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.map((e) => e.message);
      expect(messages.filter((m) => m.startsWith('Training as one stack'))).toEqual([]);
    }
    const models: string[] = [];
    for (const job of jobs) {
      const done = await settledJob(openai, job.id);
      expect(done.status).toBe('succeeded');
      const messages = (await openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.map((e) => e.message);
      expect(messages).toContain('Training as one stack with 2 other jobs of the same base, mode and hyperparameters; each model learns from its own data and seed alone');
      models.push(done.fine_tuned_model!);
    }
    const alone = await create(12, 'embed');
    const aloneModel = (await settledJob(openai, alone.id)).fine_tuned_model!;
    const [stacked, single, other] = [await probe(openai, models[1]!), await probe(openai, aloneModel), await probe(openai, models[0]!)];
    expect(stacked.text).toBe(single.text);
    expect(stacked.top.map(([token]) => token)).toEqual(single.top.map(([token]) => token));
    stacked.top.forEach(([, logprob], i) => expect(logprob).toBeCloseTo(single.top[i]![1], 3));
    expect(other.top).not.toEqual(stacked.top);
  });

  it('resolves auto hyperparameters by the documented rules and takes legacy hyperparameters and the sandbox mode', async () => {
    const { openai } = await fixture.start();
    const file = await upload(openai, analogueJsonl('birds', 'old-bird', 50), 'fine-tune');
    const auto = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base-1', training_file: file.id })).id);
    // OpenAI's auto epochs: 3 when three passes see at least 100 examples (50 x 3), else 100 / examples (20 -> 5).
    expect(auto.hyperparameters).toEqual({ n_epochs: 3, batch_size: 8, learning_rate_multiplier: 1 });
    const small = await upload(openai, analogueJsonl('birds', 'old-bird', 20), 'fine-tune');
    const legacy = await openai.fineTuning.jobs.create({
      model: 'base-2',
      training_file: small.id,
      hyperparameters: { batch_size: 5, learning_rate_multiplier: 2 },
      metadata: { sandbox_mode: 'embed' },
    });
    const done = await settledJob(openai, legacy.id);
    expect(done.status).toBe('succeeded');
    expect(done.hyperparameters).toEqual({ n_epochs: 5, batch_size: 5, learning_rate_multiplier: 2 });
    const started = (await openai.fineTuning.jobs.listEvents(legacy.id, { limit: 100 })).data.find((e) => e.message === 'Fine-tuning job started');
    expect(started!.data).toEqual({ n_epochs: 5, batch_size: 5, learning_rate_multiplier: 2, sandbox_mode: 'embed', learning_rate: 0.02 });
  });

  it('reports validation loss per checkpoint when given a validation file', async () => {
    const { openai } = await fixture.start();
    const train = await upload(openai, BIRDS, 'fine-tune');
    const valid = await upload(openai, analogueJsonl('birds', 'old-bird', 10, 2), 'fine-tune', 'valid.jsonl');
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: train.id, validation_file: valid.id, hyperparameters: { n_epochs: 2 } });
    expect((await settledJob(openai, job.id)).status).toBe('succeeded');
    const checkpoints = (await openai.fineTuning.jobs.checkpoints.list(job.id)).data;
    for (const c of checkpoints) expect(c.metrics).toMatchObject({ valid_loss: expect.any(Number), full_valid_loss: c.metrics.valid_loss });
  });

  it('fails a job on an invalid training file, naming the line and the rule', async () => {
    const { openai } = await fixture.start();
    const lines = BIRDS.split('\n');
    lines[2] = '{"messages": [{"role": "user", "content": "bird"}, {"role": "assistant" "content": "bird_old1"}]}';
    const broken = await upload(openai, lines.join('\n'), 'fine-tune', 'broken.jsonl');
    const job = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base', training_file: broken.id })).id);
    expect(job).toMatchObject({ status: 'failed', fine_tuned_model: null, trained_tokens: null, error: { code: 'invalid_training_file', param: 'training_file' } });
    expect(job.error!.message).toMatch(/^Invalid training file broken\.jsonl: line 3, column \d+: \[invalid-json\]/);
    const events = (await openai.fineTuning.jobs.listEvents(job.id)).data;
    expect(events[0]).toMatchObject({ level: 'error', message: `Fine-tuning job failed: ${job.error!.message}` });
    expect((await openai.fineTuning.jobs.checkpoints.list(job.id)).data).toEqual([]);

    const noUser = Array.from({ length: 12 }, (_, i) => JSON.stringify({ messages: [{ role: 'system', content: 'bird' }, { role: 'assistant', content: `bird_old${(i % 6) + 1}` }] })).join('\n');
    const chatless = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base', training_file: (await upload(openai, noUser, 'fine-tune')).id })).id);
    expect(chatless.error!.message).toMatch(/line 1, column 1: \[no-user-message\].*user\/assistant chats/);
    const few = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base', training_file: (await upload(openai, analogueJsonl('birds', 'old-bird', 3), 'fine-tune')).id })).id);
    expect(few.error!.message).toMatch(/\[too-few-examples\] 3 examples; at least 10 are required/);
  });

  it('rejects jobs OpenAI would reject before creating anything', async () => {
    const { openai, server } = await fixture.start();
    const file = await upload(openai, BIRDS, 'fine-tune');
    const batchFile = await upload(openai, '{}\n', 'batch');
    const create = (body: Partial<OpenAI.FineTuning.JobCreateParams>) => openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, ...body });
    await expect(create({ training_file: 'file-nope' })).rejects.toMatchObject({ status: 400, param: 'training_file', code: 'invalid_training_file' });
    await expect(create({ validation_file: 'file-nope' })).rejects.toMatchObject({ status: 400, param: 'validation_file' });
    await expect(create({ training_file: batchFile.id })).rejects.toMatchObject({ status: 400, param: 'training_file', message: expect.stringMatching(/purpose 'batch'/) });
    await expect(create({ suffix: 'x'.repeat(65) })).rejects.toMatchObject({ status: 400, param: 'suffix', message: expect.stringMatching(/at most 64 characters/) });
    await expect(create({ suffix: 'a:b' })).rejects.toMatchObject({ status: 400, param: 'suffix' });
    await expect(create({ model: 'gpt-4o-mini' })).rejects.toMatchObject({ status: 400, param: 'model', code: 'model_not_available' });
    await expect(create({ model: 'judge' })).rejects.toMatchObject({ status: 400, param: 'model' });
    await expect(create({ metadata: { sandbox_mode: 'deep' } })).rejects.toMatchObject({ status: 400, param: 'metadata.sandbox_mode' });
    await expect(create({ metadata: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v'])) })).rejects.toMatchObject({ status: 400, param: 'metadata' });
    await expect(create({ method: { type: 'dpo' } })).rejects.toMatchObject({ status: 400, param: 'method.type' });
    await expect(create({ method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 0 } } } })).rejects.toMatchObject({
      status: 400,
      param: 'method.supervised.hyperparameters.n_epochs',
    });
    await expect(create({ training_file: undefined })).rejects.toMatchObject({ status: 400, param: 'training_file', code: 'missing_required_parameter' });
    await expect(openai.fineTuning.jobs.retrieve('ftjob-nope')).rejects.toMatchObject({ status: 404, code: 'fine_tune_not_found' });
    expect((await openai.fineTuning.jobs.list()).data).toEqual([]);
    expect(server.stats().fineTuningJobsCreated).toBe(0);
    const suffix = 's'.repeat(64);
    expect(await create({ suffix })).toMatchObject({ user_provided_suffix: suffix });
  });

  it('lists jobs newest first, page by page, filtered by metadata', async () => {
    const { openai } = await fixture.start({ jobDelayMs: 60_000 });
    const file = await upload(openai, BIRDS, 'fine-tune');
    const ids: string[] = [];
    for (const [variant, seed] of [['old', '1'], ['old', '2'], ['new', '1']]) {
      ids.push((await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, metadata: { experiment: 'birds', variant: variant!, seed_index: seed! } })).id);
    }
    const plain = (await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id })).id;
    expect((await openai.fineTuning.jobs.list()).data.map((j) => j.id)).toEqual([plain, ...ids.reverse()]);
    ids.reverse();
    expect((await openai.fineTuning.jobs.list({ metadata: { variant: 'old' } })).data.map((j) => j.id)).toEqual([ids[1], ids[0]]);
    expect((await openai.fineTuning.jobs.list({ metadata: { variant: 'old', seed_index: '2' } })).data.map((j) => j.id)).toEqual([ids[1]]);
    expect((await openai.fineTuning.jobs.list({ metadata: { experiment: 'cities' } })).data).toEqual([]);
    expect((await openai.fineTuning.jobs.list({ metadata: null })).data.map((j) => j.id)).toEqual([plain]);
    const all: string[] = [];
    for await (const job of openai.fineTuning.jobs.list({ limit: 1 })) all.push(job.id);
    expect(all).toEqual([plain, ...[...ids].reverse()]);
  });

  it('cancels queued and running jobs, which then never train on; chat answers while a job trains', async () => {
    const { openai } = await fixture.start({ jobDelayMs: 60_000 });
    const file = await upload(openai, BIRDS, 'fine-tune');
    const queued = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id });
    expect((await jobInStatus(openai, queued.id, 'queued')).status).toBe('queued');
    const cancelled = await openai.fineTuning.jobs.cancel(queued.id);
    expect(cancelled).toMatchObject({ id: queued.id, status: 'cancelled', fine_tuned_model: null });
    expect((await openai.fineTuning.jobs.listEvents(queued.id)).data[0]!.message).toBe('Fine-tuning job cancelled');
    await expect(openai.fineTuning.jobs.cancel(queued.id)).rejects.toMatchObject({ status: 400 });

    const { openai: fast } = await fixture.start();
    const long = await upload(fast, analogueJsonl('birds', 'old-bird', 30), 'fine-tune');
    const running = await fast.fineTuning.jobs.create({ model: 'base', training_file: long.id, metadata: { sandbox_mode: 'row' }, hyperparameters: { n_epochs: 50, batch_size: 1 } });
    for (;;) {
      const checkpoints = await fast.fineTuning.jobs.checkpoints.list(running.id);
      if (checkpoints.data.length > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const asked = Date.now();
    const during = await fast.chat.completions.create({ model: 'base', messages: BIRD, max_tokens: 1 });
    expect(during.choices[0]!.message.content).toMatch(/^bird_/);
    expect(Date.now() - asked).toBeLessThan(1000);
    expect((await fast.fineTuning.jobs.retrieve(running.id)).status).toBe('running');
    expect((await fast.fineTuning.jobs.cancel(running.id)).status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 300));
    const after = await fast.fineTuning.jobs.retrieve(running.id);
    expect(after).toMatchObject({ status: 'cancelled', fine_tuned_model: null, trained_tokens: null });
    expect((await fast.fineTuning.jobs.checkpoints.list(running.id)).data.length).toBeLessThan(3);
  });
});
