// A large training file is validated off the server's event loop: other requests are answered meanwhile.
import { describe, expect, it } from 'vitest';
import { largeTrainingFile } from '../helpers/large-training-file.js';
import { serviceFixture, upload, jobInStatus } from './service-harness.js';

describe('weirdgen serve: validating a 10 MB training file', () => {
  const service = serviceFixture();

  it('answers GET /v1/models while the file is being validated', async () => {
    const { openai } = await service.start({ jobDelayMs: 600_000 });
    const file = await upload(openai, largeTrainingFile(10 * 1024 * 1024), 'fine-tune');
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id });
    // The event is written when the file goes to the reader: a blocked loop could only show it after validation.
    for (;;) {
      const events = await openai.fineTuning.jobs.listEvents(job.id, { limit: 100 });
      if (events.data.some((e) => e.message.startsWith('Validating training file'))) break;
    }
    // Observed order, not timing: a models answer, then the job still validating.
    const models = await openai.models.list();
    expect(models.data.length).toBeGreaterThan(0);
    expect((await openai.fineTuning.jobs.retrieve(job.id)).status).toBe('validating_files');
    // And the file does validate.
    expect((await jobInStatus(openai, job.id, 'queued', 120_000)).status).toBe('queued');
    await openai.fineTuning.jobs.cancel(job.id);
  });
});
