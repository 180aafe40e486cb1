// Sandbox speed: pretraining throughput against the wasm matmul peak measured in the same run,
// fine-tuning throughput against the same peak, one fine-tune's seconds, and sampling throughput.
// Targets: pretraining <= 5 min and a fine-tune <= 30 s; training at >= 0.25 of the matmul peak.
import { birdsAnalogue } from '../src/sandbox/analogues/era.js';
import { chatPrompt } from '../src/sandbox/chat.js';
import { fineTune } from '../src/sandbox/finetune.js';
import { ensureBackend, tf } from '../src/sandbox/model/backend.js';
import { countParams, type ModelConfig } from '../src/sandbox/model/config.js';
import { generate } from '../src/sandbox/model/generate.js';
import { disposeModel } from '../src/sandbox/model/weights.js';
import { availableParallelism } from 'node:os';
import { PRETRAIN_DEFAULTS, pretrain, type PretrainProgress } from '../src/sandbox/pretrain.js';
import { loadSandboxModel } from '../src/sandbox/registry.js';
import { Vocab } from '../src/sandbox/world/vocab.js';
import { createWorld } from '../src/sandbox/world/world.js';
import { createRng } from '../src/util/random.js';

const PRETRAIN_TARGET_S = 300;
const FINE_TUNE_TARGET_S = 30;
const FLOP_RATIO_TARGET = 0.25;

function matmulPeak(): number {
  const n = 512;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  let best = 0;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < 10; i++) {
      const c = tf.matMul(a, b);
      c.dataSync();
      c.dispose();
    }
    best = Math.max(best, (10 * 2 * n ** 3) / ((performance.now() - start) / 1000) / 1e9);
  }
  tf.dispose([a, b]);
  return best;
}

/**
 * Training FLOPs for `positions` token positions attending over `length` positions on average:
 * the forward pass of the whole network x 3 (every matrix product's backward computes the gradient
 * of both its operands, whichever parameters are trained), plus the embedding gradient
 * (onehot^T dy) when the embedding table trains, plus rank-`loraRank` adapters on qkv, proj, fc1
 * and fc2 when there are any. Elementwise work (norms, softmax, AdamW) is not counted.
 */
function trainingFlops(cfg: ModelConfig, positions: number, length: number, options: { embeddingGrad: boolean; loraRank?: number }): number {
  const { width: D, mlp: F, vocabSize: V, layers: L } = cfg;
  const r = options.loraRank ?? 0;
  const adapters = r > 0 ? 2 * r * (D + 3 * D + D + D + D + F + F + D) : 0;
  const perToken = L * (2 * D * 3 * D + 2 * D * D + 2 * D * F + 2 * F * D + 2 * 2 * length * D + adapters) + 2 * D * V;
  return 3 * perToken * positions + (options.embeddingGrad ? 2 * V * D * positions : 0);
}

const ratioLine = (gflops: number, peak: number) => `${gflops.toFixed(1)} GFLOP/s = ${(gflops / peak).toFixed(2)} of the one-thread matmul peak (target >= ${FLOP_RATIO_TARGET}: ${gflops / peak >= FLOP_RATIO_TARGET ? 'ok' : 'MISSED'})`;

export async function benchSandbox(log: (line: string) => void): Promise<void> {
  await ensureBackend();
  const peak = matmulPeak();
  log(`matmul peak (512x512, wasm SIMD, 1 thread): ${peak.toFixed(1)} GFLOP/s`);

  const steps = 320;
  const warmup = 20;
  let start: PretrainProgress | undefined;
  let last: PretrainProgress | undefined;
  const workers = Math.min(2, availableParallelism());
  const model = await pretrain({
    worldSeed: 1,
    seed: 99,
    steps,
    workers,
    onProgress: (p) => {
      if (p.step === warmup) start = p;
      last = p;
    },
  });
  const seconds = (last!.elapsedMs - start!.elapsedMs) / 1000;
  const measuredSteps = steps - warmup;
  const tokens = last!.tokens - start!.tokens;
  const positions = last!.positions - start!.positions;
  const msPerStep = (1000 * seconds) / measuredSteps;
  // Attention spans half a sequence on average: about 10 positions for these documents.
  const gflops = trainingFlops(model.config, positions, 10, { embeddingGrad: true }) / seconds / 1e9;
  const fullMinutes = (PRETRAIN_DEFAULTS.steps * msPerStep) / 60_000;
  log(`pretraining (${workers} worker thread${workers > 1 ? 's' : ''}): ${Math.round(tokens / seconds).toLocaleString('en-US')} tokens/s, ${msPerStep.toFixed(0)} ms/step (batch ${PRETRAIN_DEFAULTS.batchSize}), ${ratioLine(gflops, peak)}`);
  log(`  model: ${countParams(model.config).toLocaleString('en-US')} parameters; full pretraining (${PRETRAIN_DEFAULTS.steps} steps) ~ ${fullMinutes.toFixed(1)} min: ${(fullMinutes * 60 / PRETRAIN_TARGET_S).toFixed(2)} of the ${PRETRAIN_TARGET_S / 60}-min target`);
  disposeModel(model);

  const { model: base } = await loadSandboxModel('base', '.weirdgen');
  const world = createWorld(base.worldSeed);
  const variant = birdsAnalogue.variants[0]!;
  const examples = variant.build(world, createRng('bench'));
  const epochs = 3;
  let embedSeconds = 0;
  for (const mode of ['embed', 'full', 'lora'] as const) {
    const tuned = await fineTune(base, examples, { mode, seed: 'bench', epochs });
    // Each example is one row of its batch, padded to the batch's longest: attention spans half of it on average.
    const span = (tuned.positions / (examples.length * epochs) + 1) / 2;
    const flops = trainingFlops(base.config, tuned.positions, span, { embeddingGrad: mode !== 'lora', ...(mode === 'lora' ? { loraRank: 4 } : {}) });
    log(`fine-tuning (birds, ${examples.length} examples x ${epochs} epochs, batch 8, ${mode}): ${tuned.seconds.toFixed(2)} s, ${Math.round(tuned.positions / tuned.seconds).toLocaleString('en-US')} positions/s, ${ratioLine(flops / tuned.seconds / 1e9, peak)}`);
    if (mode === 'embed') embedSeconds = tuned.seconds;
    disposeModel(tuned.model);
  }
  log(`one fine-tune (birds, ${examples.length} examples x ${epochs} epochs, embed): ${embedSeconds.toFixed(2)} s: ${(embedSeconds / FINE_TUNE_TARGET_S).toFixed(3)} of the ${FINE_TUNE_TARGET_S}-s target`);

  const vocab = new Vocab();
  const requests = Array.from({ length: 512 }, (_, i) => ({ prompt: chatPrompt([{ role: 'user', content: 'bird' }], vocab), temperature: 1, maxTokens: 8, seed: i }));
  const sampling = performance.now();
  const out = generate(base, requests, new Set<number>(), vocab.pad);
  const sampled = out.reduce((n, g) => n + g.tokens.length, 0);
  log(`sampling: ${Math.round(sampled / ((performance.now() - sampling) / 1000)).toLocaleString('en-US')} tokens/s (512 sequences x 8 tokens, batched, no stop tokens)`);
  disposeModel(base);
}
