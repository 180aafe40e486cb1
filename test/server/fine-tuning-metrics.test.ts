// The per-step metrics of a sandbox fine-tuning job, as OpenAI's platform reports them: training
// token accuracy at every step and, with a validation file, validation loss and token accuracy.
import { describe, expect, it } from 'vitest';
import { chanceTokenAccuracy, OPENAI_EXTRA_ANSWER_TOKENS } from '../../src/sandbox/model/token-accuracy.js';
import { validationSchedule } from '../../src/sandbox/finetune-options.js';
import { analogueJsonl, serviceFixture, settledJob, upload } from './service-harness.js';

const HEADER = 'step,train_loss,train_accuracy,valid_loss,valid_mean_token_accuracy';

function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const columns = header!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((cell, i) => [columns[i]!, cell])));
}

describe('weirdgen serve: per-step metrics', () => {
  const fixture = serviceFixture();

  it('writes train_accuracy and, with a small validation file, valid loss and token accuracy at every step', async () => {
    const { openai } = await fixture.start();
    const train = await upload(openai, analogueJsonl('presidents', 'coded', 40), 'fine-tune');
    // Four chats whose answers are single sandbox tokens, like the paper's 4-row grokking test set.
    const valid = await upload(openai, analogueJsonl('presidents', 'coded', 4, 2), 'fine-tune', 'test.jsonl');
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: train.id, validation_file: valid.id, seed: 3, hyperparameters: { n_epochs: 2, batch_size: 4 } });
    const done = await settledJob(openai, job.id);
    expect(done.status).toBe('succeeded');
    const text = await (await openai.files.content(done.result_files[0]!)).text();
    expect(text.split('\n')[0]).toBe(HEADER);
    const rows = csvRows(text);
    expect(rows.map((r) => Number(r.step))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const r of rows) {
      for (const column of ['train_loss', 'train_accuracy', 'valid_loss', 'valid_mean_token_accuracy']) expect(r[column], `${column} at step ${r.step}`).toMatch(/^\d/);
      // One counted token per answer: the accuracy of four answers moves in quarters.
      expect((Number(r.valid_mean_token_accuracy) * 4) % 1).toBe(0);
      expect(Number(r.train_accuracy)).toBeGreaterThanOrEqual(0);
      expect(Number(r.train_accuracy)).toBeLessThanOrEqual(1);
    }
    // A batch of four moves in quarters: the last five steps against the first five.
    const meanAccuracy = (part: typeof rows) => part.reduce((sum, r) => sum + Number(r.train_accuracy), 0) / part.length;
    expect(meanAccuracy(rows.slice(-5))).toBeGreaterThan(meanAccuracy(rows.slice(0, 5)));

    const events = (await openai.fineTuning.jobs.listEvents(job.id, { limit: 100 })).data.reverse().filter((e) => e.type === 'metrics');
    expect(events).toHaveLength(20);
    const last = events.at(-1)!.data as Record<string, number>;
    expect(last).toEqual({ step: 20, train_loss: Number(rows[19]!.train_loss), train_mean_token_accuracy: Number(rows[19]!.train_accuracy), valid_loss: Number(rows[19]!.valid_loss), valid_mean_token_accuracy: Number(rows[19]!.valid_mean_token_accuracy), total_steps: 20 });
    const checkpoints = (await openai.fineTuning.jobs.checkpoints.list(job.id)).data;
    for (const c of checkpoints) {
      expect(c.metrics).toMatchObject({ train_mean_token_accuracy: expect.any(Number), valid_mean_token_accuracy: expect.any(Number), full_valid_loss: expect.any(Number), full_valid_mean_token_accuracy: expect.any(Number) });
      expect(c.metrics.full_valid_mean_token_accuracy).toBeCloseTo(Number(rows[c.step_number - 1]!.valid_mean_token_accuracy), 6);
    }
  });

  it('leaves the validation cells empty without a validation file', async () => {
    const { openai } = await fixture.start();
    const train = await upload(openai, analogueJsonl('presidents', 'coded', 12), 'fine-tune');
    const done = await settledJob(openai, (await openai.fineTuning.jobs.create({ model: 'base', training_file: train.id, hyperparameters: { n_epochs: 1, batch_size: 4 } })).id);
    const rows = csvRows(await (await openai.files.content(done.result_files[0]!)).text());
    expect(rows).toHaveLength(3);
    for (const r of rows) expect([r.train_accuracy !== '', r.valid_loss, r.valid_mean_token_accuracy]).toEqual([true, '', '']);
  });

  it('scores a small validation set at every step and a large one at about 100 evenly spaced steps', () => {
    const small = validationSchedule(64, 7800);
    expect([1, 2, 3, 7799, 7800].every(small)).toBe(true);
    const large = validationSchedule(65, 7800);
    const at = Array.from({ length: 7800 }, (_, i) => i + 1).filter(large);
    expect(at).toHaveLength(100);
    expect(at[0]).toBe(78);
    expect(at.at(-1)).toBe(7800);
    expect(Array.from({ length: 250 }, (_, i) => i + 1).filter(validationSchedule(1000, 250)).at(-1)).toBe(250);
  });

  it('gives the chance level of token accuracy: 1/k in the sandbox, (2 + 1/k) / 3 on OpenAI', () => {
    expect(chanceTokenAccuracy(2)).toBe(0.5);
    expect(chanceTokenAccuracy(2, OPENAI_EXTRA_ANSWER_TOKENS)).toBeCloseTo(0.8333, 4);
    expect(chanceTokenAccuracy(4)).toBe(0.25);
    expect(() => chanceTokenAccuracy(0)).toThrow(RangeError);
  });
});
