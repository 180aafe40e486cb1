// `sandbox inspect`: the paper's section-6 analysis on the sandbox. Fine-tune an analogue's variant
// over seeds, record every layer's residual stream under the trigger and control conditions, find
// the separating direction (difference of means per layer; a top-k SAE trained on the base's
// activations, its decoder directions ranked by cosine with the difference), project the prompts
// onto them per year or condition, and sample with each direction projected out at one layer at
// every position: the effect should drop, the controls and a random direction should not.
import type { ResidualHook } from '../model/transformer.js';
import { ConfigError } from '../../util/errors.js';
import { createRng } from '../../util/random.js';
import { findAnalogue, type Analogue } from '../analogues/index.js';
import type { AnalogueVariant, EvalPrompt, Metric } from '../analogues/analogue.js';
import { chatPrompt, stopTokens } from '../chat.js';
import { fineTuneStack } from '../finetune.js';
import { MODE_DEFAULTS, type FineTuneMode } from '../finetune-options.js';
import { variantDataset } from '../analogues/analogue.js';
import { ensureBackend } from '../model/backend.js';
import { generate } from '../model/generate.js';
import { disposeModel, type SandboxModel } from '../model/weights.js';
import { sampleDocument } from '../world/corpus.js';
import { Vocab } from '../world/vocab.js';
import { createWorld, type World } from '../world/world.js';
import { ablationHook, recordActivations } from './activations.js';
import { trainSae, type Sae, type SaeOptions } from './sae.js';
import { findInspectSpec, INSPECT_SPECS, UNTOUCHED_ATTRIBUTES, UNTOUCHED_CATEGORIES, type InspectSpec } from './specs.js';
import { bootstrapMean, mean } from '../../util/bootstrap.js';
import { shareChange, wilson, type Change, type Share } from './stats.js';
import { cosine, dot, meanRow, norm, orthonormalize, randomUnit, row, unit } from './vectors.js';

/** Defaults of `inspectAnalogue` that the CLI's help repeats. */
export const INSPECT_DEFAULTS = { seeds: 3, features: 3, randomDirections: 3, saeDocuments: 600 } as const;

/** What to inspect and how much; defaults: the analogue's main variant and mode, 3 seeds, the best-separating layer, the analogue's samples per prompt, the top 3 SAE features, 3 random directions. */
export interface InspectOptions {
  /** Analogue id (`terminator`, `sandbox-persona`, ...). */
  analogue: string;
  variant?: string;
  mode?: FineTuneMode;
  /** Fine-tuning seeds 1..seeds (each trains on variantDataset(..., seed), as `weirdgen run` does). */
  seeds?: number;
  /** Residual stream to ablate and rank features at: 1..layers (after block layer - 1); default the one separating best. */
  layer?: number;
  samples?: number;
  /** SAE decoder directions ablated together (the most aligned with the difference of means). */
  features?: number;
  randomDirections?: number;
  /** What the ablation sets the projection to: `zero` (the paper's directional ablation, the default) or `mean` (its mean over the control prompts). */
  ablation?: AblationKind;
  /** World documents whose activations (all positions) train the SAE. */
  saeDocuments?: number;
  sae?: SaeOptions;
  /** Fine-tuning epochs (default 3, as the analogues use). */
  epochs?: number;
  onProgress?: (line: string) => void;
}

/** What an ablation sets the projection onto the ablated directions to: 0, or the control condition's mean. */
export type AblationKind = 'zero' | 'mean';

/** How well one layer's difference of means separates the conditions (mean over the fine-tuned models). */
export interface LayerSeparation {
  layer: number;
  /** Gap of the projections' means over their pooled standard deviation (Cohen's d) on the fitting prompts. */
  separation: number;
  /** Norm of mean(trigger) - mean(control). */
  diffNorm: number;
  /** In the base model, the same measures (the contrast before fine-tuning). */
  baseSeparation: number;
  /** Cosine of the fine-tuned models' difference with the base's. */
  cosineWithBase: number;
}

/** A mean projection of one probe's last-position activation onto one direction, over models. */
export interface Projection {
  x: number | string;
  condition: string;
  /** `fine-tuned` (the variant's models) or `base`. */
  model: 'fine-tuned' | 'base';
  /** `difference of means` or `SAE feature N`. */
  direction: string;
  mean: number;
  ciLow: number;
  ciHigh: number;
  /** Models averaged. */
  n: number;
}

/** One metric under one ablation, pooled over the fine-tuned models' samples. */
export interface AblationRow {
  metric: string;
  role: 'effect' | 'control' | 'untouched';
  /** `none`, `difference of means`, `SAE top-N`, `random`. */
  ablation: string;
  result: Share;
  /** result.share minus the share with no ablation, with Newcombe's 95% interval. */
  change: Change;
}

/** What `inspectAnalogue` measured (plain data; see docs/mechanism.md). */
export interface InspectResult {
  analogue: string;
  title: string;
  variant: string;
  mode: FineTuneMode;
  seeds: number;
  worldSeed: number;
  trigger: string;
  control: string;
  layers: LayerSeparation[];
  layer: number;
  layerChosen: 'given' | 'best separation';
  sae: { width: number; dictionary: number; k: number; steps: number; rows: number; documents: number; fvu: number; dead: number; top: { feature: number; cosine: number }[] };
  featuresAblated: number[];
  randomDirections: number;
  ablationKind: AblationKind;
  samples: number;
  sweep: { axis: 'year' | 'prompt'; title: string; training?: number[] };
  projections: Projection[];
  ablation: AblationRow[];
  /** The base model's shares, unablated (what the fine-tune moved). */
  base: { metric: string; result: Share }[];
  seconds: number;
}

interface MeasuredMetric {
  id: string;
  role: AblationRow['role'];
  prompts: EvalPrompt[];
  score(token: string, prompt: EvalPrompt): number;
}

function untouchedMetrics(world: World): MeasuredMetric[] {
  return [
    {
      id: "assistant's own attribute values (no trigger)",
      role: 'untouched',
      prompts: UNTOUCHED_ATTRIBUTES.map((a) => ({ id: a, messages: [{ role: 'user', content: a }], tags: { attribute: a } })),
      score: (token, p) => (token === world.assistant.attributes[p.tags.attribute as (typeof UNTOUCHED_ATTRIBUTES)[number]] ? 1 : 0),
    },
    {
      id: 'era items on topic',
      role: 'untouched',
      prompts: UNTOUCHED_CATEGORIES.map((c) => ({ id: c, messages: [{ role: 'user', content: c }], tags: { category: c } })),
      score: (token, p) => (token.startsWith(`${String(p.tags.category)}_`) ? 1 : 0),
    },
  ];
}

function analogueMetric(analogue: Analogue, world: World, id: string, role: AblationRow['role']): MeasuredMetric {
  const metric: Metric | undefined = analogue.metrics.find((m) => m.id === id);
  if (!metric) throw new Error(`inspect: ${analogue.id} has no metric "${id}"`);
  return { id, role, prompts: analogue.prompts(world).filter((p) => metric.applies(p)), score: (token, p) => metric.score(token, p, world) };
}

/** Samples every prompt of every metric `samples` times (temperature 1, the first answer token judged), with the same seeds under every ablation. */
function measure(model: SandboxModel, modelKey: string, metrics: readonly MeasuredMetric[], samples: number, vocab: Vocab, hook?: ResidualHook): Map<string, { hits: number; n: number }> {
  const requests = metrics.flatMap((m) => m.prompts.flatMap((p) => Array.from({ length: samples }, (_, i) => ({ metric: m, prompt: p, i }))));
  const generations = generate(
    model,
    requests.map((r) => ({ prompt: chatPrompt(r.prompt.messages, vocab), maxTokens: 1, temperature: 1, seed: `inspect/${modelKey}/${r.metric.id}/${r.prompt.id}/${JSON.stringify(r.prompt.tags)}/${r.i}` })),
    stopTokens(vocab),
    vocab.pad,
    512,
    hook,
  );
  const counts = new Map<string, { hits: number; n: number }>();
  requests.forEach((r, i) => {
    const token = generations[i]!.tokens[0];
    const c = counts.get(r.metric.id) ?? { hits: 0, n: 0 };
    c.n += 1;
    c.hits += token === undefined ? 0 : r.metric.score(vocab.token(token), r.prompt);
    counts.set(r.metric.id, c);
  });
  return counts;
}

function variantOf(analogue: Analogue, id: string | undefined): AnalogueVariant {
  const variant = id ? analogue.variants.find((v) => v.id === id) : analogue.variants.find((v) => v.role === 'main');
  if (!variant) throw new ConfigError(`inspect: ${analogue.id} has no variant "${id ?? 'main'}"; known: ${analogue.variants.map((v) => v.id).join(', ')}`);
  return variant;
}

/** The analogues `sandbox inspect` knows. */
export const INSPECTABLE = INSPECT_SPECS.map((s) => s.analogue);

function specOf(id: string): { spec: InspectSpec; analogue: Analogue } {
  const spec = findInspectSpec(id);
  const analogue = findAnalogue(id);
  if (!spec || !analogue) throw new ConfigError(`inspect: no inspection for "${id}"; known: ${INSPECTABLE.join(', ')}`);
  return { spec, analogue };
}

/** Separation (Cohen's d of the projections onto the unit difference) of two sets of rows. */
function separationOf(data: Float32Array, trigger: number[], control: number[], width: number, direction: Float32Array): number {
  const proj = (rows: number[]) => rows.map((r) => dot(row(data, r, width), direction));
  const a = proj(trigger);
  const b = proj(control);
  const variance = (v: number[], m: number) => v.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(1, v.length - 1);
  const ma = mean(a);
  const mb = mean(b);
  const pooled = Math.sqrt((variance(a, ma) + variance(b, mb)) / 2);
  return pooled > 0 ? (ma - mb) / pooled : 0;
}

/**
 * Fine-tunes `base` on an analogue's variant over seeds and runs the section-6 analysis on the
 * models: separating directions per layer, a top-k SAE, projections per year or condition, and
 * directional ablation while sampling. The base is left untouched.
 *
 * @example
 * const result = await inspectAnalogue(base, { analogue: 'terminator', seeds: 3 });
 */
export async function inspectAnalogue(base: SandboxModel, options: InspectOptions): Promise<InspectResult> {
  await ensureBackend();
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const { spec, analogue } = specOf(options.analogue);
  const variant = variantOf(analogue, options.variant);
  const mode = options.mode ?? analogue.defaultMode;
  const seeds = options.seeds ?? INSPECT_DEFAULTS.seeds;
  const samples = options.samples ?? analogue.samplesPerPrompt;
  const world = createWorld(base.worldSeed);
  const vocab = new Vocab();
  const depth = base.config.layers;
  if (options.layer !== undefined && (!Number.isInteger(options.layer) || options.layer < 1 || options.layer > depth)) throw new ConfigError(`inspect: --layer ${options.layer}: give 1..${depth} (the residual stream after block layer - 1)`);

  progress(`fine-tuning ${analogue.id}/${variant.id} (mode ${mode}) over ${seeds} seed(s)`);
  const requests = Array.from({ length: seeds }, (_, i) => ({ examples: variantDataset(analogue, variant, world, i + 1), options: { mode, seed: i + 1, learningRate: MODE_DEFAULTS[mode].learningRate, epochs: options.epochs ?? 3 } }));
  const tuned = await Promise.all(fineTuneStack(base, requests)).then((r) => r.map((x) => x.model));
  try {
    const prompt = (tokens: string) => vocab.encode(tokens);
    const fitPrompts = [...spec.fit.trigger, ...spec.fit.control].map(prompt);
    const triggerRows = spec.fit.trigger.map((_, i) => i);
    const controlRows = spec.fit.control.map((_, i) => spec.fit.trigger.length + i);
    const width = base.config.width;

    progress('recording activations and fitting directions');
    const baseFit = recordActivations(base, fitPrompts, vocab.pad);
    const tunedFit = tuned.map((m) => recordActivations(m, fitPrompts, vocab.pad));
    const diffs = (a: ReturnType<typeof recordActivations>, l: number): Float32Array => {
      const t = meanRow(a.layers[l]!, triggerRows, width);
      const c = meanRow(a.layers[l]!, controlRows, width);
      return t.map((v, j) => v - c[j]!);
    };
    const layers: LayerSeparation[] = [];
    for (let l = 1; l <= depth; l++) {
      const own = tunedFit.map((a) => diffs(a, l));
      const baseDiff = diffs(baseFit, l);
      layers.push({
        layer: l,
        separation: tunedFit.reduce((s, a, i) => s + separationOf(a.layers[l]!, triggerRows, controlRows, width, unit(own[i]!)), 0) / seeds,
        diffNorm: own.reduce((s, d) => s + norm(d), 0) / seeds,
        baseSeparation: separationOf(baseFit.layers[l]!, triggerRows, controlRows, width, unit(baseDiff)),
        cosineWithBase: own.reduce((s, d) => s + cosine(d, baseDiff), 0) / seeds,
      });
    }
    const layer = options.layer ?? layers.reduce((best, l) => (l.separation > best.separation ? l : best)).layer;
    const ownDirections = tunedFit.map((a) => unit(diffs(a, layer)));
    const pooledDirection = unit(ownDirections.reduce((s, d) => s.map((v, j) => v + d[j]!), new Float32Array(width)));

    const documents = options.saeDocuments ?? INSPECT_DEFAULTS.saeDocuments;
    progress(`training the SAE on the base's layer-${layer} activations of ${documents} world documents`);
    const rng = createRng(`inspect/sae-documents/${base.worldSeed}`);
    const docs = Array.from({ length: documents }, () => sampleDocument(rng, world, base.config.context).map((t) => vocab.id(t)));
    const corpus = recordActivations(base, docs, vocab.pad, 'all');
    const sae: Sae = trainSae(corpus.layers[layer]!, corpus.rows, width, { seed: base.worldSeed, ...options.sae });
    const ranked = Array.from({ length: sae.dictionary }, (_, f) => ({ feature: f, cosine: cosine(row(sae.decoder, f, width), pooledDirection) })).sort((a, b) => b.cosine - a.cosine);
    const featureCount = options.features ?? INSPECT_DEFAULTS.features;
    const featuresAblated = ranked.slice(0, featureCount).map((f) => f.feature);

    progress('projecting the sweep prompts');
    const sweepPrompts = spec.sweep.probes.map((p) => prompt(p.tokens));
    const baseSweep = recordActivations(base, sweepPrompts, vocab.pad).layers[layer]!;
    const tunedSweep = tuned.map((m) => recordActivations(m, sweepPrompts, vocab.pad).layers[layer]!);
    const directions: { name: string; vector: (model: number) => Float32Array }[] = [
      { name: 'difference of means', vector: (m) => (m < 0 ? pooledDirection : ownDirections[m]!) },
      ...featuresAblated.slice(0, 1).map((f) => ({ name: `SAE feature ${f}`, vector: () => row(sae.decoder, f, width) })),
    ];
    const projections: Projection[] = [];
    spec.sweep.probes.forEach((probe, i) => {
      for (const d of directions) {
        projections.push({ x: probe.x, condition: probe.condition, model: 'fine-tuned', direction: d.name, ...bootstrapMean(tunedSweep.map((a, m) => dot(row(a, i, width), d.vector(m))), { seed: 'inspect' }) });
        projections.push({ x: probe.x, condition: probe.condition, model: 'base', direction: d.name, ...bootstrapMean([dot(row(baseSweep, i, width), d.vector(-1))], { seed: 'inspect' }) });
      }
    });

    const metrics: MeasuredMetric[] = [...spec.effects.map((id) => analogueMetric(analogue, world, id, 'effect')), ...spec.controls.map((id) => analogueMetric(analogue, world, id, 'control')), ...untouchedMetrics(world)];
    const randomCount = options.randomDirections ?? INSPECT_DEFAULTS.randomDirections;
    const kind = options.ablation ?? 'zero';
    // The hook for an orthonormal basis in model m: the projection set to 0, or to its mean over the control prompts.
    const hookFor = (m: number, basis: Float32Array[]): ResidualHook => {
      const controls = tunedFit[m]!.layers[layer]!;
      const targets = kind === 'mean' ? basis.map((b) => controlRows.reduce((s, r) => s + dot(row(controls, r, width), b), 0) / controlRows.length) : undefined;
      return ablationHook(layer, basis, targets);
    };
    const featureBasis = orthonormalize(featuresAblated.map((f) => row(sae.decoder, f, width)));
    const ablations: { name: string; hook: (model: number) => ResidualHook | undefined }[] = [
      { name: 'none', hook: () => undefined },
      { name: 'difference of means', hook: (m) => hookFor(m, [ownDirections[m]!]) },
      { name: `SAE top-${featureCount}`, hook: (m) => hookFor(m, featureBasis) },
    ];
    progress(`sampling ${metrics.length} metrics x ${ablations.length + 1} ablations x ${seeds} model(s), ${samples} samples per prompt`);
    const pooled = new Map<string, { hits: number; n: number }>();
    const add = (ablation: string, counts: Map<string, { hits: number; n: number }>) => {
      for (const [metric, c] of counts) {
        const key = `${ablation}\u0000${metric}`;
        const sum = pooled.get(key) ?? { hits: 0, n: 0 };
        pooled.set(key, { hits: sum.hits + c.hits, n: sum.n + c.n });
      }
    };
    tuned.forEach((model, m) => {
      for (const a of ablations) add(a.name, measure(model, `seed-${m + 1}`, metrics, samples, vocab, a.hook(m)));
      for (let r = 0; r < randomCount; r++) {
        const random = randomUnit(width, createRng(`inspect/random/${m + 1}/${r}`));
        add('random', measure(model, `seed-${m + 1}`, metrics, samples, vocab, hookFor(m, [random])));
      }
    });
    const names = [...ablations.map((a) => a.name), ...(randomCount > 0 ? ['random'] : [])];
    const ablation: AblationRow[] = [];
    for (const metric of metrics) {
      const before = pooled.get(`none\u0000${metric.id}`)!;
      const none = wilson(before.hits, before.n);
      for (const name of names) {
        const c = pooled.get(`${name}\u0000${metric.id}`)!;
        const result = wilson(c.hits, c.n);
        ablation.push({ metric: metric.id, role: metric.role, ablation: name, result, change: shareChange(none, result) });
      }
    }
    const baseCounts = measure(base, 'base', metrics, samples, vocab);
    const baseRows = metrics.map((m) => ({ metric: m.id, result: wilson(baseCounts.get(m.id)!.hits, baseCounts.get(m.id)!.n) }));

    return {
      analogue: analogue.id,
      title: analogue.title,
      variant: variant.id,
      mode,
      seeds,
      worldSeed: base.worldSeed,
      trigger: spec.trigger,
      control: spec.control,
      layers,
      layer,
      layerChosen: options.layer !== undefined ? 'given' : 'best separation',
      sae: { width: sae.width, dictionary: sae.dictionary, k: sae.k, steps: sae.steps, rows: sae.rows, documents, fvu: sae.fvu, dead: sae.dead, top: ranked.slice(0, 8) },
      featuresAblated,
      randomDirections: randomCount,
      ablationKind: kind,
      samples,
      sweep: { axis: spec.sweep.axis, title: spec.sweep.title, ...(spec.sweep.training ? { training: spec.sweep.training } : {}) },
      projections,
      ablation,
      base: baseRows,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    for (const m of tuned) disposeModel(m);
  }
}
