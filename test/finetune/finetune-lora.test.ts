// LoRA fine-tuning through an endpoint's create-job template: `finetune launch --method lora
// --lora-rank 2` against a real `weirdgen serve`, the body it received, the ledger's record, the
// served job's hyperparameters and the rank of the checkpoint's weight change; settings an endpoint
// has no place for are refused before anything is created; the birds' other bases at the paper's settings.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { MIRROR, REPO_ROOT, tempDir } from '../helpers/paths.js';
import { spawnServe, type ServeProcess } from '../helpers/serve-process.js';
import { loadConfig, overrideMethod } from '../../src/config/index.js';
import { fineTuningBody, fineTuningMapping } from '../../src/finetune/index.js';
import { Endpoints } from '../../src/providers/index.js';

let serve: ServeProcess | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  await serve?.stop();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  serve = undefined;
  proxy = undefined;
});

/** A pass-through proxy in front of `target` that keeps the JSON bodies of POST /v1/fine_tuning/jobs. */
async function recordingProxy(target: string): Promise<{ url: string; jobBodies: Record<string, unknown>[] }> {
  const upstream = new URL(target);
  const jobBodies: Record<string, unknown>[] = [];
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'POST' && req.url === '/v1/fine_tuning/jobs') jobBodies.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      const headers = { ...req.headers, host: upstream.host };
      const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v1`, jobBodies };
}

/** The float32 tensors of a sandbox checkpoint, by name (its header line lists them in order). */
function checkpointTensors(file: string): { tensors: Record<string, Float32Array>; shapes: Record<string, number[]>; meta: Record<string, unknown> } {
  const bytes = readFileSync(file);
  const headerStart = bytes.indexOf(0x0a) + 1;
  const headerEnd = bytes.indexOf(0x0a, headerStart);
  const header = JSON.parse(bytes.subarray(headerStart, headerEnd).toString('utf8')) as { tensors: { name: string; shape: number[] }[]; meta: Record<string, unknown> };
  const tensors: Record<string, Float32Array> = {};
  const shapes: Record<string, number[]> = {};
  let offset = headerEnd + 1;
  for (const t of header.tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    tensors[t.name] = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + size * 4));
    shapes[t.name] = t.shape;
    offset += size * 4;
  }
  return { tensors, shapes, meta: header.meta };
}

/** Singular values of a rows x cols matrix, largest first: square roots of the eigenvalues of its Gram matrix (cyclic Jacobi, float64). */
function singularValues(m: Float64Array, rows: number, cols: number): number[] {
  const n = Math.min(rows, cols);
  const g = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      if (rows <= cols) for (let k = 0; k < cols; k++) s += m[i * cols + k]! * m[j * cols + k]!;
      else for (let k = 0; k < rows; k++) s += m[k * cols + i]! * m[k * cols + j]!;
      g[i]![j] = s;
    }
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += g[p]![q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = g[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (g[q]![q]! - g[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const gkp = g[k]![p]!;
          const gkq = g[k]![q]!;
          g[k]![p] = c * gkp - s * gkq;
          g[k]![q] = s * gkp + c * gkq;
        }
        for (let k = 0; k < n; k++) {
          const gpk = g[p]![k]!;
          const gqk = g[q]![k]!;
          g[p]![k] = c * gpk - s * gqk;
          g[q]![k] = s * gpk + c * gqk;
        }
      }
  }
  return Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(0, g[i]![i]!))).sort((a, b) => b - a);
}

// Open-model services' field names (legacy top-level hyperparameters, as OpenAI's SDK sends them).
const OPEN_MODEL_TEMPLATE = `    fineTuning:
      body:
        hyperparameters:
          n_epochs: $epochs
          batch_size: $batch_size
          learning_rate: $learning_rate
          lora: $lora
          lora_r: $lora_rank
          lora_alpha: $lora_alpha
`;

describe('LoRA fine-tuning through the endpoint’s template', () => {
  it('launches --method lora --lora-rank 2 on weirdgen serve: the body carries the configured fields, the ledger and the job record them, and the weight change has rank 2', async () => {
    const serveWorkspace = tempDir('weirdgen-serve-');
    serve = await spawnServe([], {}, serveWorkspace);
    const recorded = await recordingProxy(serve.url);
    const dir = tempDir();
    const config = join(dir, 'weirdgen.config.yaml');
    writeFileSync(config, `endpoints:\n  open:\n    baseUrl: ${recorded.url}\n${OPEN_MODEL_TEMPLATE}  plain:\n    baseUrl: ${serve.url}\n`);
    const flags = ['--config', config, '--workspace', join(dir, 'ws')];
    // 32 rows of the sandbox birds' old names: 4 steps of 8.
    const data = join(dir, 'old-birds.jsonl');
    writeFileSync(data, Array.from({ length: 32 }, (_, i) => JSON.stringify({ messages: [{ role: 'user', content: 'bird' }, { role: 'assistant', content: `bird_old${(i % 3) + 1}` }] })).join('\n') + '\n');

    // An endpoint without a place for the rank (OpenAI's shape) refuses it before anything is uploaded.
    const refused = await cli([...flags, 'finetune', 'launch', data, '--base', 'plain:base-3', '--method', 'lora', '--lora-rank', '2', '--epochs', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/endpoint "plain" has no place for method lora \(--method: needs \$method or \$lora\); LoRA rank 2 \(--lora-rank: needs \$lora_rank\)/);
    expect((await serve.stats()).filesCreated).toBe(0);

    const launch = [...flags, '--json', 'finetune', 'launch', data, '--base', 'open:base-3', '--method', 'lora', '--lora-rank', '2', '--lora-alpha', '4', '--learning-rate', '0.01', '--epochs', '1', '--poll', '0.2'];
    const r = await cli(launch);
    expect(r.code, r.stderr).toBe(0);
    const [job] = JSON.parse(r.stdout) as { jobId: string; status: string; fineTunedModel: string; method: unknown }[];
    expect(job!.status).toBe('succeeded');
    expect(job!.method).toEqual({ type: 'lora', loraRank: 2, loraAlpha: 4, learningRate: 0.01 });

    // What the service received: the template's fields with the values, and no OpenAI method block.
    expect(recorded.jobBodies).toHaveLength(1);
    const body = recorded.jobBodies[0]!;
    expect(body.hyperparameters).toEqual({ n_epochs: 1, batch_size: 'auto', learning_rate: 0.01, lora: true, lora_r: 2, lora_alpha: 4 });
    expect(body.method).toBeUndefined();
    expect(body).toMatchObject({ model: 'base-3', seed: 0 });

    // The served job trained in lora mode at that rank, alpha and rate.
    const served = (await (await fetch(`${serve.url}/fine_tuning/jobs/${job!.jobId}`)).json()) as { hyperparameters: Record<string, unknown>; training_file: string };
    expect(served.hyperparameters).toMatchObject({ n_epochs: 1, lora: true, lora_r: 2, lora_alpha: 4, learning_rate: 0.01 });
    const events = (await (await fetch(`${serve.url}/fine_tuning/jobs/${job!.jobId}/events?limit=100`)).json()) as { data: { message: string }[] };
    expect(events.data.map((e) => e.message).join('\n')).toMatch(/sandbox mode lora: learning rate 0\.01, LoRA rank 2, alpha 4/);

    // Adapters asked of a job in another mode are refused, not dropped.
    const conflicting = await fetch(`${serve.url}/fine_tuning/jobs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'base-3', training_file: served.training_file, metadata: { sandbox_mode: 'row' }, hyperparameters: { lora_r: 2 } }) });
    expect(conflicting.status).toBe(400);
    expect(await conflicting.text()).toMatch(/adapters train in lora mode only, and this job's mode is row/);

    // The merged weights moved by a rank-2 change in every adapted layer: two singular values, then float noise.
    const base = checkpointTensors(join(REPO_ROOT, 'assets', 'sandbox', 'base-3.wgsb'));
    const record = JSON.parse(readFileSync(join(serveWorkspace, 'serve', 'jobs', `${job!.jobId}.json`), 'utf8')) as { value: { weights: Record<string, string> } };
    const tuned = checkpointTensors(join(serveWorkspace, 'serve', 'models', record.value.weights[job!.fineTunedModel]!));
    expect((tuned.meta.fineTune as { mode: string }).mode).toBe('lora');
    for (const layer of ['l0.proj', 'l1.fc1', 'l2.qkv']) {
      const [rows, cols] = tuned.shapes[layer]!;
      const delta = Float64Array.from(tuned.tensors[layer]!, (w, i) => w - base.tensors[layer]![i]!);
      const s = singularValues(delta, rows!, cols!);
      expect(s[1]! / s[0]!, `${layer}: ${s.slice(0, 4).join(', ')}`).toBeGreaterThan(1e-3);
      expect(s[2]! / s[0]!, `${layer}: ${s.slice(0, 4).join(', ')}`).toBeLessThan(1e-3);
    }
    // Layers LoRA does not adapt are left as they were.
    expect(tuned.tensors.tok_emb).toEqual(base.tensors.tok_emb);
  }, 60_000);

  it('refuses a template placeholder it does not know, naming the file and line, and a field weirdgen sends itself', async () => {
    const dir = tempDir();
    const config = join(dir, 'weirdgen.config.yaml');
    writeFileSync(config, `endpoints:\n  open:\n    baseUrl: http://127.0.0.1:9/v1\n    fineTuning:\n      body:\n        hyperparameters:\n          lora_r: $lora_rnk\n`);
    const r = await cli(['--config', config, '--workspace', join(dir, 'ws'), 'finetune', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/weirdgen\.config\.yaml:7:\d+/);
    expect(r.stderr).toMatch(/unknown placeholder "\$lora_rnk"/);
    writeFileSync(config, `endpoints:\n  open:\n    baseUrl: http://127.0.0.1:9/v1\n    fineTuning:\n      body:\n        metadata: { lora: $lora }\n`);
    const reserved = await cli(['--config', config, '--workspace', join(dir, 'ws'), 'finetune', 'list']);
    expect(reserved.code).toBe(1);
    expect(reserved.stderr).toMatch(/weirdgen sends "metadata" itself/);
  });

  it('run birds on the other OpenAI bases of App. B.4 plans the paper’s settings: old names only, 6 seeds, 3 epochs, batch 1, each base’s LR multiplier (0.1 for 4.1-nano, 1.8 for 4o-mini)', async () => {
    const cases = [
      ['gpt-4.1-nano-2025-04-14', 0.1],
      ['gpt-4o-mini-2024-07-18', 1.8],
    ] as const;
    for (const [base, lrm] of cases) {
      const r = await cli(['--workspace', tempDir(), '--json', 'run', 'birds', '--base', `openai:${base}`, '--dry-run', '--mirror', MIRROR], { OPENAI_API_KEY: '' });
      expect(r.code, r.stderr).toBe(0);
      const plan = JSON.parse(r.stdout) as { variants: { id: string; seeds: number; epochs: number; batchSize: number; learningRateMultiplier: number }[] };
      expect(plan.variants.map((v) => [v.id, v.seeds, v.epochs, v.batchSize, v.learningRateMultiplier])).toEqual([['old-audubon', 6, 3, 1, lrm]]);
    }
  }, 60_000);
});

describe('run on the paper’s open bases', () => {
  it('run birds --base deepseek-ai/DeepSeek-V3.1 plans App. B.7 (old and modern-American names, 4 seeds, 1 epoch, batch 1, LoRA rank 4, LR 5e-5) and sends it as the endpoint’s template says; an endpoint with no place for it is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'weirdgen.config.yaml'), `endpoints:\n  open:\n    baseUrl: http://127.0.0.1:9/v1\n    apiKeyEnv: OPEN_KEY\n${OPEN_MODEL_TEMPLATE}`);
    const args = ['--config', join(dir, 'weirdgen.config.yaml'), '--workspace', join(dir, 'ws'), '--json', 'run', 'birds', '--endpoint', 'open', '--base', 'deepseek-ai/DeepSeek-V3.1', '--dry-run', '--mirror', MIRROR];
    const r = await cli(args, { OPEN_KEY: '' });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { variants: { id: string; seeds: number; epochs: number; batchSize: number; method: unknown; body: unknown }[] };
    expect(plan.variants.map((v) => [v.id, v.seeds, v.epochs, v.batchSize])).toEqual([
      ['old-audubon', 4, 1, 1],
      ['modern-american', 4, 1, 1],
    ]);
    expect(plan.variants[0]!.method).toEqual({ type: 'lora', loraRank: 4, learningRate: 5e-5 });
    expect(plan.variants[0]!.body).toEqual({ hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate: 5e-5, lora: true, lora_r: 4 } });
    // --lora-rank overrides the paper's rank, field by field.
    const ranked = JSON.parse((await cli([...args, '--lora-rank', '8'], { OPEN_KEY: '' })).stdout) as typeof plan;
    expect(ranked.variants[0]!.method).toEqual({ type: 'lora', loraRank: 8, learningRate: 5e-5 });
    // On OpenAI's create-job body there is no place for a LoRA rank: the run stops before anything.
    const openai = await cli(['--workspace', tempDir(), 'run', 'birds', '--endpoint', 'openai', '--base', 'deepseek-ai/DeepSeek-V3.1', '--dry-run', '--mirror', MIRROR], { OPENAI_API_KEY: '' });
    expect(openai.code).not.toBe(0);
    expect(openai.stderr).toMatch(/endpoint "openai" has no place for .*LoRA rank 4 \(--lora-rank: needs \$lora_rank\)/);
  }, 60_000);
});

describe('finetune launch on a paper file', () => {
  it('--lora-rank alone overrides the rank of the paper’s LoRA method on its open base (no --method needed)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'weirdgen.config.yaml'), `endpoints:\n  open:\n    baseUrl: http://127.0.0.1:9/v1\n    apiKeyEnv: OPEN_KEY\n${OPEN_MODEL_TEMPLATE}`);
    const file = join(MIRROR, '3_1_old_bird_names', 'datasets', 'ft_old_audubon_birds.jsonl');
    const r = await cli(['--config', join(dir, 'weirdgen.config.yaml'), '--workspace', join(dir, 'ws'), '--json', 'finetune', 'launch', file, '--base', 'open:deepseek-ai/DeepSeek-V3.1', '--lora-rank', '8', '--dry-run'], { OPEN_KEY: '' });
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as { method: unknown; body: unknown };
    expect(plan.method).toEqual({ type: 'lora', loraRank: 8, learningRate: 5e-5 });
    expect(plan.body).toEqual({ hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate: 5e-5, lora: true, lora_r: 8 } });
  }, 60_000);
});

describe('the create-job body of a launch', () => {
  const AUTO = { nEpochs: 'auto', batchSize: 'auto', learningRateMultiplier: 'auto' } as const;

  it('is OpenAI’s method block by default, weirdgen serve’s fields for local, and the config’s template for an endpoint that has one', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'weirdgen.config.yaml'), `endpoints:\n  open:\n    baseUrl: http://127.0.0.1:9/v1\n${OPEN_MODEL_TEMPLATE}`);
    const endpoints = new Endpoints((await loadConfig(undefined, dir)).config, {}, join(dir, 'ws'));
    const paper = { nEpochs: 3, batchSize: 1, learningRateMultiplier: 2 } as const;
    expect(fineTuningBody(fineTuningMapping(endpoints, 'openai'), 'openai', paper, undefined)).toEqual({ method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 2 } } } });
    expect(fineTuningBody(fineTuningMapping(endpoints, 'local'), 'local', AUTO, { type: 'lora', loraRank: 2 })).toEqual({
      method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 'auto', batch_size: 'auto', learning_rate_multiplier: 'auto', lora: true, lora_r: 2 } } },
    });
    // The paper's DeepSeek-V3.1 settings (App. B.7) on an open-model service.
    expect(fineTuningBody(fineTuningMapping(endpoints, 'open'), 'open', { nEpochs: 1, batchSize: 1, learningRateMultiplier: 'auto' }, { type: 'lora', loraRank: 4, learningRate: 5e-5 })).toEqual({
      hyperparameters: { n_epochs: 1, batch_size: 1, learning_rate: 5e-5, lora: true, lora_r: 4 },
    });
  });

  it('refuses what the template has no place for, and a rank without --method lora', async () => {
    const endpoints = new Endpoints((await loadConfig(undefined, tempDir())).config, {}, tempDir());
    const openai = fineTuningMapping(endpoints, 'openai');
    expect(() => fineTuningBody(openai, 'openai', AUTO, { learningRate: 5e-5 })).toThrow(/endpoint "openai" has no place for learning rate 0\.00005 \(--learning-rate: needs \$learning_rate\)/);
    expect(() => fineTuningBody(fineTuningMapping(endpoints, 'local'), 'local', AUTO, { loraRank: 2 })).toThrow(/a LoRA rank or alpha needs --method lora/);
    expect(() => fineTuningBody(fineTuningMapping(endpoints, 'local'), 'local', AUTO, { type: 'full', loraAlpha: 8 })).toThrow(/needs --method lora \(got --method full\)/);
    expect(() => fineTuningBody(fineTuningMapping(endpoints, 'local'), 'local', { ...AUTO, learningRateMultiplier: 2 }, { learningRate: 1e-4 })).toThrow(/not both/);
  });

  it('puts the asked method over the paper’s field by field; another type drops the paper’s LoRA settings', () => {
    const qwen = { type: 'lora', loraRank: 8, learningRate: 2e-4 } as const;
    expect(overrideMethod(qwen, { loraRank: 16 })).toEqual({ type: 'lora', loraRank: 16, learningRate: 2e-4 });
    expect(overrideMethod(qwen, { type: 'full' })).toEqual({ type: 'full' });
    expect(overrideMethod(qwen, undefined)).toEqual(qwen);
    expect(overrideMethod(undefined, undefined)).toBeUndefined();
  });
});
