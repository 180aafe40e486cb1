// A restarted server on the same workspace: files, jobs, checkpoints and batches are still there,
// fine-tuned models still answer, and jobs or batches the server stopped in the middle run again.
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths.js';
import { analogueJsonl, batchInStatus, fileText, jobInStatus, serviceFixture, settledBatch, settledJob, upload } from './service-harness.js';

const BIRD = [{ role: 'user' as const, content: 'bird' }];

describe('weirdgen serve: restarts', () => {
  const fixture = serviceFixture();

  it('keeps files, jobs, events and checkpoints, and serves the fine-tuned models again', async () => {
    const workspace = tempDir('weirdgen-restart-');
    const first = await fixture.start({ workspace });
    const file = await upload(first.openai, analogueJsonl('birds', 'old-bird', 30), 'fine-tune');
    const created = await first.openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, suffix: 'kept', seed: 3, hyperparameters: { n_epochs: 2 } });
    const job = await settledJob(first.openai, created.id);
    expect(job.status).toBe('succeeded');
    const ask = { model: job.fine_tuned_model!, messages: BIRD, temperature: 0.8, seed: 9, max_tokens: 3, logprobs: true, top_logprobs: 3 };
    const before = await first.openai.chat.completions.create(ask);
    const events = (await first.openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data;
    const checkpoints = (await first.openai.fineTuning.jobs.checkpoints.list(job.id)).data;
    await first.server.close();

    const second = await fixture.start({ workspace });
    expect(await second.openai.files.retrieve(file.id)).toEqual(file);
    expect((await second.openai.fineTuning.jobs.list()).data).toEqual([job]);
    expect((await second.openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data).toEqual(events);
    expect((await second.openai.fineTuning.jobs.checkpoints.list(job.id)).data).toEqual(checkpoints);
    expect((await second.openai.models.list()).data.map((m) => m.id)).toEqual(expect.arrayContaining([job.fine_tuned_model, checkpoints[1]!.fine_tuned_model_checkpoint]));
    const after = await second.openai.chat.completions.create(ask);
    expect(after.choices).toEqual(before.choices);
    expect(second.server.stats().fineTuningJobsCreated).toBe(0);
  });

  it('runs a job the server stopped in the middle again from its start, without a second job', async () => {
    const workspace = tempDir('weirdgen-restart-');
    const first = await fixture.start({ workspace, jobDelayMs: 500 });
    const file = await upload(first.openai, analogueJsonl('birds', 'old-bird', 30), 'fine-tune');
    const created = await first.openai.fineTuning.jobs.create({ model: 'base', training_file: file.id, seed: 5, hyperparameters: { n_epochs: 1 } });
    expect((await jobInStatus(first.openai, created.id, 'running')).status).toBe('running');
    await first.server.close();

    const second = await fixture.start({ workspace });
    const job = await settledJob(second.openai, created.id);
    expect(job.status).toBe('succeeded');
    expect((await second.openai.fineTuning.jobs.list()).data.map((j) => j.id)).toEqual([created.id]);
    const messages = (await second.openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.map((e) => e.message);
    expect(messages).toContain('The server restarted while the job was running; it runs again from its start.');
    expect(second.server.stats().fineTuningJobsCreated).toBe(0);
    const answer = await second.openai.chat.completions.create({ model: job.fine_tuned_model!, messages: BIRD, temperature: 0, max_tokens: 2 });
    expect(answer.choices[0]!.message.content).toMatch(/^bird_/);
  });

  it('runs a batch the server stopped in the middle again', async () => {
    const workspace = tempDir('weirdgen-restart-');
    const first = await fixture.start({ workspace, batchDelayMs: 500 });
    const lines = [1, 2, 3].map((i) => JSON.stringify({ custom_id: `r${i}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'base', messages: BIRD, seed: i, max_tokens: 2 } }));
    const input = await upload(first.openai, lines.join('\n'), 'batch', 'requests.jsonl');
    const created = await first.openai.batches.create({ input_file_id: input.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    expect((await batchInStatus(first.openai, created.id, 'in_progress')).status).toBe('in_progress');
    await first.server.close();

    const second = await fixture.start({ workspace });
    const batch = await settledBatch(second.openai, created.id);
    expect(batch).toMatchObject({ status: 'completed', request_counts: { total: 3, completed: 3, failed: 0 } });
    expect((await fileText(second.openai, batch.output_file_id!)).trim().split('\n')).toHaveLength(3);
    expect((await second.openai.batches.list()).data.map((b) => b.id)).toEqual([created.id]);
    expect(second.server.stats()).toMatchObject({ batchesCreated: 0, batchRequests: 3 });
  });
});
