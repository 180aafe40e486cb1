// Eval engine throughput against `weirdgen serve --latency-ms L`, at concurrency 64 with 100 ms and
// at 256 with 250 ms: each compared with its ideal (concurrency / latency) and with the bare `openai`
// SDK in a loop, in the same run, with the CPU time this process spends per request for both, so
// that weirdgen's overhead shows even when the wall-clock ratios are noisy. The two take turns, in
// rounds of half the requests each, so that load from elsewhere on a shared machine weighs on both
// alike. The served model is the sandbox's rule judge, which answers at once, so the latency is all
// the server adds. A short warm-up first opens the connections and compiles the hot paths, as in a
// long evaluation.
import OpenAI from 'openai';
import { benchEval, oneQuestion } from './eval-harness.js';
import { startChildServer } from './serve-child.js';

interface Case {
  concurrency: number;
  latencyMs: number;
  /** About ten seconds at the ideal rate, so that both cases and their SDK loops fit in two minutes. */
  requests: number;
}

const CASES: Case[] = [
  { concurrency: 64, latencyMs: 100, requests: 5000 },
  { concurrency: 256, latencyMs: 250, requests: 10_000 },
];
const WARM_UP_REQUESTS = 500;
const ROUNDS = 2;

interface Measured {
  requests: number;
  seconds: number;
  /** User + system CPU time of this process, in milliseconds. */
  cpuMs: number;
}

const sum = (a: Measured, b: Measured): Measured => ({ requests: a.requests + b.requests, seconds: a.seconds + b.seconds, cpuMs: a.cpuMs + b.cpuMs });

async function measure(work: () => Promise<number>): Promise<Measured> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const requests = await work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { requests, seconds, cpuMs: (used.user + used.system) / 1000 };
}

/** `requests` chat completions from the SDK alone, `concurrency` loops at a time. */
async function bareSdk(client: OpenAI, requests: number, concurrency: number): Promise<number> {
  let sent = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (sent < requests) await client.chat.completions.create({ model: 'judge', messages: [{ role: 'user', content: 'q bird' }], max_tokens: 4, temperature: 1, seed: sent++ });
    }),
  );
  return requests;
}

const rate = (m: Measured): number => m.requests / m.seconds;
const cpuPerRequest = (m: Measured): string => `${((m.cpuMs * 1000) / m.requests).toFixed(0)} µs CPU/request`;

async function benchCase({ concurrency, latencyMs, requests }: Case, log: (line: string) => void): Promise<void> {
  const server = await startChildServer(['--latency-ms', String(latencyMs)]);
  const bench = benchEval(server.url);
  const client = new OpenAI({ baseURL: server.url, apiKey: 'none', maxRetries: 0 });
  const name = `eval-throughput c${concurrency}/${latencyMs}ms`;
  try {
    await bench.run({ questions: [{ ...oneQuestion(WARM_UP_REQUESTS, 4), id: 'warm-up', paraphrases: ['q city'] }], groups: { bench: ['bench:judge'] } }, concurrency);
    await bareSdk(client, WARM_UP_REQUESTS, concurrency);
    let weirdgen: Measured = { requests: 0, seconds: 0, cpuMs: 0 };
    let bare: Measured = { requests: 0, seconds: 0, cpuMs: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      // A prompt of its own per round: the same prompt would find the previous round's answers cached.
      const question = { ...oneQuestion(requests / ROUNDS, 4), id: `bench-${round}`, paraphrases: [`q bird ${round}`] };
      weirdgen = sum(weirdgen, await measure(async () => (await bench.run({ questions: [question], groups: { bench: ['bench:judge'] } }, concurrency)).answers.called));
      bare = sum(bare, await measure(() => bareSdk(client, requests / ROUNDS, concurrency)));
    }
    const ideal = concurrency / (latencyMs / 1000);
    const ofIdeal = rate(weirdgen) / ideal;
    const ofBare = rate(weirdgen) / rate(bare);
    log(`${name}: ${weirdgen.requests} requests (after ${WARM_UP_REQUESTS} warm-up, in ${ROUNDS} rounds taking turns with the bare SDK) at concurrency ${concurrency}, ${latencyMs} ms latency, in ${weirdgen.seconds.toFixed(2)} s`);
    log(`${name}: weirdgen ${rate(weirdgen).toFixed(0)} req/s / ideal ${ideal.toFixed(0)} req/s = ${ofIdeal.toFixed(3)} (target >= 0.9) ${ofIdeal >= 0.9 ? 'ok' : 'MISSED'}`);
    log(`${name}: bare openai SDK in a loop (no cache, no limits, no retries): ${bare.requests} requests in ${bare.seconds.toFixed(2)} s, ${rate(bare).toFixed(0)} req/s = ${(rate(bare) / ideal).toFixed(3)} of ideal; weirdgen / bare = ${ofBare.toFixed(3)} (target >= 0.95) ${ofBare >= 0.95 ? 'ok' : 'MISSED'}`);
    log(`${name}: weirdgen ${cpuPerRequest(weirdgen)}, bare SDK ${cpuPerRequest(bare)} (this process, user + system); weirdgen / bare = ${(weirdgen.cpuMs / weirdgen.requests / (bare.cpuMs / bare.requests)).toFixed(2)}`);
  } finally {
    await bench.close();
    server.stop();
  }
}

export async function benchEvalThroughput(log: (line: string) => void): Promise<void> {
  for (const c of CASES) await benchCase(c, log);
}
