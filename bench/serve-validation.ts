// `weirdgen serve` answering while it validates a 10 MB training file (upload + job creation):
// the latency of GET /v1/models meanwhile, against a target of 200 ms. The server runs in its own
// process, so the client's work never delays its answers.
import OpenAI, { toFile } from 'openai';
import { largeTrainingFile } from '../test/helpers/large-training-file.js';
import { startChildServer } from './serve-child.js';

const FILE_BYTES = 10 * 1024 * 1024;
const TARGET_MS = 200;

export async function benchServeValidation(log: (line: string) => void): Promise<void> {
  const server = await startChildServer(['--job-delay-ms', '600000']);
  try {
    const openai = new OpenAI({ baseURL: server.url, apiKey: 'none', maxRetries: 0 });
    const file = await openai.files.create({ file: await toFile(Buffer.from(largeTrainingFile(FILE_BYTES)), 'train.jsonl'), purpose: 'fine-tune' });
    const job = await openai.fineTuning.jobs.create({ model: 'base', training_file: file.id });
    const started = performance.now();
    const latencies: number[] = [];
    for (;;) {
      const sent = performance.now();
      await openai.models.list();
      latencies.push(performance.now() - sent);
      if ((await openai.fineTuning.jobs.retrieve(job.id)).status !== 'validating_files') break;
    }
    const validation = (performance.now() - started) / 1000;
    await openai.fineTuning.jobs.cancel(job.id);
    const sorted = [...latencies].sort((a, b) => a - b);
    const max = sorted.at(-1)!;
    log(`serve-validation: ${latencies.length} GET /v1/models during ${validation.toFixed(1)} s of validating a ${FILE_BYTES / 1024 / 1024} MB file: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms, max ${max.toFixed(1)} ms (target < ${TARGET_MS})${max < TARGET_MS ? '' : '  ABOVE TARGET'}`);
  } finally {
    server.stop();
  }
}
