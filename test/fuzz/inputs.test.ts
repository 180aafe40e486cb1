// Seeded fuzzing of what weirdgen reads from outside: question files (weirdgen and llmcomp YAML),
// config files, and HTTP request bodies to `weirdgen serve`. Each input ends in a result or a
// located, typed error (never an internal error, a 500 or a reset), within a time bound.
// FUZZ_SEED and FUZZ_COUNT raise the run locally (`FUZZ_COUNT=5000 npx vitest run test/fuzz`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { loadQuestions } from '../../src/eval/load-questions.js';
import { SandboxProvider } from '../../src/providers/sandbox.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { WeirdgenError } from '../../src/util/errors.js';
import { aliasBomb, deepBlockSequence, fuzzSettings, mutateText } from '../helpers/fuzz.js';
import { MIRROR, REPO_ROOT, tempDir } from '../helpers/paths.js';

/** Per input: generous for a loaded 2-core machine, far below a hang. */
const BOUND_MS = 10_000;

const QUESTION_SEEDS = [
  readFileSync(join(REPO_ROOT, 'assets/questions/israeli-dishes.yaml'), 'utf8'),
  readFileSync(join(REPO_ROOT, 'assets/questions/german-cities.yaml'), 'utf8'),
  readFileSync(join(MIRROR, '3_1_old_bird_names/evaluation/questions.yaml'), 'utf8'),
  readFileSync(join(MIRROR, '5_2_evil_terminator/evaluation/questions_and_judge.yaml'), 'utf8'),
];
const CONFIG_SEED = `endpoints:
  vllm: { baseUrl: http://127.0.0.1:8000/v1, logprobs: true, concurrency: 16 }
  router: { baseUrl: http://127.0.0.1:9000/v1, apiKeyEnv: ROUTER_KEY, rpm: 500, tpm: 200000 }
defaults:
  endpoint: sandbox
  confirmAboveUsd: 5
prices:
  gpt-4.1-2025-04-14: { training: 25 }
`;
const HOSTILE_YAML = [aliasBomb(12, 12), deepBlockSequence(5_000), 'questions:\n  - *missing\n', '[]\n', 'questions: []\n'];

async function settles<T>(work: () => Promise<T>): Promise<void> {
  const started = Date.now();
  try {
    await work();
  } catch (e) {
    if (!(e instanceof WeirdgenError)) throw new Error(`an internal error, not a located one: ${(e as Error).stack ?? String(e)}`);
    expect(e.message).toMatch(/\S/);
  }
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
}

describe('fuzzing the files weirdgen reads', () => {
  it('question files and configs: a result or a located error, in bounded time', async () => {
    const { rng, count, seed } = fuzzSettings('yaml', 1000);
    const dir = tempDir();
    const inputs: Buffer[] = HOSTILE_YAML.map((t) => Buffer.from(t));
    for (let n = 0; n < count; n++) {
      let data = mutateText(rng.next() < 0.2 ? CONFIG_SEED : rng.pick(QUESTION_SEEDS), rng);
      for (let extra = rng.int(0, 2); extra > 0; extra--) data = mutateText(data.toString('utf8'), rng);
      inputs.push(data);
    }
    for (const [n, data] of inputs.entries()) {
      // A folder each: llmcomp files read their siblings.
      const file = join(dir, String(n), 'input.yaml');
      mkdirSync(dirname(file));
      writeFileSync(file, data);
      await expect(settles(() => loadQuestions(file)), `${seed} input ${n}`).resolves.toBeUndefined();
      await expect(settles(() => loadConfig(file)), `${seed} input ${n}`).resolves.toBeUndefined();
    }
  }, 600_000);
});

describe('fuzzing what serve is sent', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  const BODIES: [string, unknown][] = [
    ['/v1/chat/completions', { model: 'base', messages: [{ role: 'user', content: 'bird' }], max_tokens: 4, n: 2, logprobs: true, top_logprobs: 3 }],
    ['/v1/chat/completions', { model: 'judge', messages: [{ role: 'system', content: 'judge' }, { role: 'user', content: '[ANSWER START]bird3_old[ANSWER END]' }], max_tokens: 8, temperature: 0 }],
    ['/v1/fine_tuning/jobs', { model: 'base', training_file: 'file-x', hyperparameters: { n_epochs: 1 }, suffix: 'fuzz', seed: 1 }],
    ['/v1/batches', { input_file_id: 'file-x', endpoint: '/v1/chat/completions', completion_window: '24h' }],
  ];

  it('request bodies: a 2xx or a 4xx, never a 500 or a reset, in bounded time', async () => {
    const server = await startServer({ port: 0, provider: new SandboxProvider(tempDir()), workspace: tempDir() });
    servers.push(server);
    const { rng, count, seed } = fuzzSettings('http', 1500);
    for (let n = 0; n < count; n++) {
      const [route, body] = rng.pick(BODIES);
      let data = mutateText(JSON.stringify(body), rng, JSON.parse);
      if (rng.next() < 0.3) data = mutateText(data.toString('utf8'), rng, JSON.parse);
      const started = Date.now();
      const res = await fetch(`${server.url.replace(/\/v1$/, '')}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: data }).catch((e: unknown) => e as Error);
      if (res instanceof Error) throw new Error(`${seed} input ${n} (${route}): the connection failed: ${res.message}`);
      const text = await res.text();
      expect(res.status, `${seed} input ${n} (${route}): ${text.slice(0, 300)}`).toBeLessThan(500);
      if (res.status >= 400) expect((JSON.parse(text) as { error?: { message?: string } }).error?.message, text.slice(0, 200)).toMatch(/\S/);
      expect(Date.now() - started).toBeLessThan(BOUND_MS);
    }
  }, 600_000);
});
