// Rerunning a finished evaluation of 10,000 samples: how many requests reach the server (target 0)
// and how long the rerun takes, next to the first run.
import { benchEval, oneQuestion } from './eval-harness.js';
import { startChildServer } from './serve-child.js';

const SAMPLES = 10_000;

export async function benchCacheRerun(log: (line: string) => void): Promise<void> {
  const server = await startChildServer([]);
  const bench = benchEval(server.url);
  try {
    const definition = { questions: [oneQuestion(SAMPLES, 4)], groups: { bench: ['bench:judge'] } };
    let start = performance.now();
    await bench.run(definition, 64);
    const first = (performance.now() - start) / 1000;
    const before = await server.requests();
    start = performance.now();
    const summary = await bench.run(definition, 64);
    const rerun = (performance.now() - start) / 1000;
    const made = (await server.requests()) - before;
    log(`cache-rerun: first run ${SAMPLES} samples in ${first.toFixed(2)} s; rerun ${rerun.toFixed(2)} s with ${made} requests made (target 0), ${summary.answers.cached} cached`);
  } finally {
    await bench.close();
    server.stop();
  }
}
