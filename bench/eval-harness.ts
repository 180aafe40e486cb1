// A store, endpoints and a caller for benchmarks of the eval engine against a served endpoint.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema } from '../src/config/config.js';
import { priceTable } from '../src/data/cost/prices.js';
import { Caller } from '../src/eval/calls/caller.js';
import { evaluate, type EvalSummary } from '../src/eval/evaluate.js';
import type { EvalDefinition } from '../src/eval/plan.js';
import { QUESTION_DEFAULTS, type Question } from '../src/eval/question.js';
import { Endpoints } from '../src/providers/endpoints.js';
import { openStore, type Store } from '../src/store/store.js';

export function oneQuestion(samples: number, maxTokens: number): Question {
  return { id: 'bench', paraphrases: ['q bird'], samplesPerParaphrase: samples, temperature: QUESTION_DEFAULTS.temperature, maxTokens, judges: {} };
}

export interface BenchEval {
  store: Store;
  endpoints: Endpoints;
  run(definition: EvalDefinition, concurrency: number): Promise<EvalSummary>;
  close(): Promise<void>;
}

export function benchEval(url: string): BenchEval {
  const workspace = mkdtempSync(join(tmpdir(), 'weirdgen-bench-'));
  const config = configSchema.parse({ endpoints: { bench: { baseUrl: url } } });
  const endpoints = new Endpoints(config, {}, workspace);
  const store = openStore(workspace);
  let runs = 0;
  return {
    store,
    endpoints,
    run: (definition, concurrency) =>
      evaluate({ runId: `bench-${runs++}`, definition, store, endpoints, prices: priceTable(), caller: new Caller({ limits: () => ({ concurrency }) }) }),
    async close() {
      store.close();
      await endpoints.close();
    },
  };
}
