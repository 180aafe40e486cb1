// Parameter initialisation and the in-memory model: tfjs variables plus what produced them.
import { createRng, gaussian } from '../../util/random.js';
import { tf } from './backend.js';
import { paramSpecs, type ModelConfig, type ParamSpec } from './config.js';

export type WeightArrays = Record<string, Float32Array>;

function initArray(spec: ParamSpec, cfg: ModelConfig, rng: ReturnType<typeof createRng>): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const out = new Float32Array(size);
  if (spec.init === 'ones') out.fill(1);
  if (spec.init === 'normal' || spec.init === 'residual') {
    // GPT-2: std 0.02, residual projections scaled by 1/sqrt(2 x layers).
    const std = spec.init === 'normal' ? 0.02 : 0.02 / Math.sqrt(2 * cfg.layers);
    for (let i = 0; i < size; i++) out[i] = std * gaussian(rng);
  }
  return out;
}

export function initWeights(cfg: ModelConfig, seed: number | string): WeightArrays {
  const rng = createRng(`init/${String(seed)}`);
  return Object.fromEntries(paramSpecs(cfg).map((spec) => [spec.name, initArray(spec, cfg, rng)]));
}

/** A sandbox model in memory: its architecture, tfjs weights, the world it was trained on and its provenance. */
export interface SandboxModel {
  config: ModelConfig;
  /** Seed of the synthetic world the model was trained on. */
  worldSeed: number;
  weights: Record<string, tf.Variable>;
  /** Free-form provenance: pretraining and fine-tuning settings, losses. */
  meta: Record<string, unknown>;
}

let variableCounter = 0;

export function createModel(cfg: ModelConfig, worldSeed: number, arrays: WeightArrays, meta: Record<string, unknown> = {}): SandboxModel {
  const weights: Record<string, tf.Variable> = {};
  for (const spec of paramSpecs(cfg)) {
    const data = arrays[spec.name];
    if (!data || data.length !== spec.shape.reduce((a, b) => a * b, 1)) throw new Error(`weights for ${spec.name} are missing or have the wrong size`);
    const initial = tf.tensor(data, spec.shape);
    weights[spec.name] = tf.variable(initial, true, `${spec.name}#${(variableCounter += 1)}`);
    initial.dispose();
  }
  return { config: cfg, worldSeed, weights, meta };
}

export function readWeights(model: SandboxModel): WeightArrays {
  return Object.fromEntries(Object.entries(model.weights).map(([name, v]) => [name, new Float32Array(v.dataSync())]));
}

/** An independent copy (for fine-tuning without touching the base). */
export function cloneModel(model: SandboxModel, meta: Record<string, unknown> = model.meta): SandboxModel {
  return createModel(model.config, model.worldSeed, readWeights(model), structuredClone(meta));
}

export function disposeModel(model: SandboxModel): void {
  for (const v of Object.values(model.weights)) v.dispose();
}
