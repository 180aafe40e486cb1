// Eval engine throughput against `weirdgen serve --latency-ms 100`: 5,000 requests at concurrency
// 64, compared with the ideal of concurrency / latency. The served model is the sandbox's rule
// judge, which answers at once, so the latency is all the server adds. A short warm-up run first
// opens the connections and compiles the hot paths, as they would be in a long evaluation.
import OpenAI from 'openai';
import { benchEval, oneQuestion } from './eval-harness.js';
import { startChildServer } from './serve-child.js';

const REQUESTS = 5000;
const CONCURRENCY = 64;
const LATENCY_MS = 100;

/** The same requests from the SDK alone, CONCURRENCY loops at a time. */
async function bareSdk(url: string): Promise<number> {
  const client = new OpenAI({ baseURL: url, apiKey: 'none', maxRetries: 0 });
  let sent = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (sent < REQUESTS) await client.chat.completions.create({ model: 'judge', messages: [{ role: 'user', content: 'q bird' }], max_tokens: 4, temperature: 1, seed: sent++ });
    }),
  );
  return REQUESTS / ((performance.now() - start) / 1000);
}

export async function benchEvalThroughput(log: (line: string) => void): Promise<void> {
  const server = await startChildServer(['--latency-ms', String(LATENCY_MS)]);
  const bench = benchEval(server.url);
  try {
    await bench.run({ questions: [{ ...oneQuestion(500, 4), id: 'warm-up', paraphrases: ['q city'] }], groups: { bench: ['bench:judge'] } }, CONCURRENCY);
    const start = performance.now();
    const summary = await bench.run({ questions: [oneQuestion(REQUESTS, 4)], groups: { bench: ['bench:judge'] } }, CONCURRENCY);
    const seconds = (performance.now() - start) / 1000;
    const achieved = summary.answers.called / seconds;
    const ideal = CONCURRENCY / (LATENCY_MS / 1000);
    log(`eval-throughput: ${summary.answers.called} requests in ${seconds.toFixed(2)} s at concurrency ${CONCURRENCY}, ${LATENCY_MS} ms latency`);
    log(`eval-throughput: achieved ${achieved.toFixed(0)} req/s / ideal ${ideal.toFixed(0)} req/s = ${(achieved / ideal).toFixed(3)} (target >= 0.9)`);
    const bare = await bareSdk(server.url);
    log(`eval-throughput: the bare openai SDK in a loop (no cache, no limits, no retries): ${bare.toFixed(0)} req/s; weirdgen / bare = ${(achieved / bare).toFixed(3)}`);
  } finally {
    await bench.close();
    server.stop();
  }
}
