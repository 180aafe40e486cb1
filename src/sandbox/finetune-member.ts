// One model of a fine-tuning stack: its copy of the base (and adapters in lora mode), its
// optimizer, its data order and its reports, stepping through its own epochs. The stack
// (finetune.ts) gives it a batch shape and a step's outcome; it does the rest.
import type { ChatExample } from '../data/index.js';
import { createRng } from '../util/random.js';
import { tf } from './model/backend.js';
import type { TrainingSequence } from './model/batch.js';
import { loraTargets } from './model/config.js';
import { scoreSequences } from './model/evaluate.js';
import { VariableOptimizer, type StepOutcome, type TrainableVariable } from './model/train-step.js';
import type { LoraAdapters } from './model/transformer.js';
import { cloneModel, disposeModel, type SandboxModel } from './model/weights.js';
import { trainingSequence } from './chat.js';
import { MODE_DEFAULTS, ROW_MODE_TOKENS, validationSchedule, type FineTuneMode, type FineTuneOptions, type FineTuneResult, type StepReport } from './finetune-options.js';
import type { Vocab } from './world/vocab.js';

/** What every model of a stack shares: a stack is one computation, so they must agree on these. */
export interface StackSettings {
  mode: FineTuneMode;
  epochs: number;
  batchSize: number;
  learningRate: number;
  loraRank: number;
  loraAlpha: number;
  rowTokens: readonly string[];
}

export function stackSettings(options: FineTuneOptions): StackSettings {
  return {
    mode: options.mode,
    epochs: options.epochs ?? 3,
    batchSize: options.batchSize ?? 8,
    learningRate: options.learningRate ?? MODE_DEFAULTS[options.mode].learningRate,
    loraRank: options.loraRank ?? 4,
    loraAlpha: options.loraAlpha ?? 8,
    rowTokens: options.rowTokens ?? ROW_MODE_TOKENS,
  };
}

function trainableParams(model: SandboxModel, settings: StackSettings, vocab: Vocab, lora?: LoraAdapters): TrainableVariable[] {
  const w = model.weights;
  switch (settings.mode) {
    case 'full':
      return Object.entries(w).map(([name, variable]) => ({ name, variable }));
    case 'embed':
      return [{ name: 'tok_emb', variable: w.tok_emb! }];
    case 'row':
      return [{ name: 'tok_emb', variable: w.tok_emb!, rows: new Set(settings.rowTokens.map((t) => vocab.id(t))) }];
    case 'top': {
      const last = `l${model.config.layers - 1}.`;
      return Object.entries(w)
        .filter(([name]) => name.startsWith(last) || name.startsWith('lnf_') || name === 'head')
        .map(([name, variable]) => ({ name, variable }));
    }
    case 'lora':
      return Object.entries(lora!.weights).map(([name, variable]) => ({ name, variable: variable as tf.Variable }));
  }
}

function createLora(model: SandboxModel, rank: number, alpha: number, seed: number | string): LoraAdapters {
  const rng = createRng(`lora/${String(seed)}`);
  const weights: Record<string, tf.Variable> = {};
  for (const name of loraTargets(model.config)) {
    const [inDim, outDim] = model.weights[name]!.shape as [number, number];
    const a = new Float32Array(inDim * rank).map(() => (rng.next() * 2 - 1) / Math.sqrt(inDim));
    weights[`${name}.a`] = tf.tidy(() => tf.variable(tf.tensor2d(a, [inDim, rank]), true));
    weights[`${name}.b`] = tf.tidy(() => tf.variable(tf.zeros([rank, outDim]), true));
  }
  return { rank, alpha, weights };
}

function mergeLora(model: SandboxModel, lora: LoraAdapters): void {
  for (const name of loraTargets(model.config)) {
    tf.tidy(() => {
      const delta = tf.matMul(lora.weights[`${name}.a`] as tf.Tensor2D, lora.weights[`${name}.b`] as tf.Tensor2D).mul(lora.alpha / lora.rank);
      model.weights[name]!.assign(model.weights[name]!.add(delta));
    });
  }
}

function fineTuneMeta(base: SandboxModel, options: FineTuneOptions, done: { epochs: number; batchSize: number; learningRate: number; examples: number; steps: number; finalLoss: number; seconds: number }): Record<string, unknown> {
  return { ...base.meta, kind: 'fine-tuned', fineTune: { mode: options.mode, seed: options.seed, ...done } };
}

export interface Settle {
  resolve: (result: FineTuneResult) => void;
  reject: (reason: unknown) => void;
}

export class TrainingMember {
  readonly model: SandboxModel;
  readonly lora?: LoraAdapters;
  readonly optimizer: VariableOptimizer;
  readonly steps: number;
  private readonly sequences: TrainingSequence[];
  private readonly validation?: TrainingSequence[];
  private readonly validateAt: (step: number) => boolean;
  private readonly rng: ReturnType<typeof createRng>;
  private readonly stepsPerEpoch: number;
  private order: TrainingSequence[] = [];
  private next = 0;
  private step = 0;
  private epochLoss = 0;
  private positions = 0;
  private finished = false;

  constructor(
    private readonly base: SandboxModel,
    private readonly examples: readonly ChatExample[],
    private readonly options: FineTuneOptions,
    private readonly settings: StackSettings,
    private readonly vocab: Vocab,
    private readonly started: number,
    private readonly settle: Settle,
  ) {
    this.model = cloneModel(base);
    try {
      if (settings.mode === 'lora') this.lora = createLora(this.model, settings.loraRank, settings.loraAlpha, options.seed);
      this.optimizer = new VariableOptimizer(trainableParams(this.model, settings, vocab, this.lora), { weightDecay: 0 });
    } catch (e) {
      this.dispose();
      throw e;
    }
    this.sequences = examples.map((ex) => trainingSequence(ex, vocab));
    if (options.validation) this.validation = options.validation.map((ex) => trainingSequence(ex, vocab));
    this.rng = createRng(`finetune/${String(options.seed)}`);
    this.stepsPerEpoch = Math.ceil(this.sequences.length / settings.batchSize);
    this.steps = settings.epochs * this.stepsPerEpoch;
    this.validateAt = validationSchedule(this.validation?.length ?? 0, this.steps);
  }

  get done(): boolean {
    return this.finished;
  }

  /** Stops the member when its signal is aborted, rejecting with the signal's reason. */
  checkSignal(): void {
    if (this.options.signal?.aborted) this.fail(this.options.signal.reason);
  }

  /** The sequences of this member's next step, in its seeded order (shuffled at each epoch). */
  nextBatch(): TrainingSequence[] {
    if (this.next === 0) this.order = this.rng.shuffle(this.sequences);
    return this.order.slice(this.next, this.next + this.settings.batchSize);
  }

  /** Takes the outcome of the step on nextBatch() (its batch of `positions` positions, padding included), reports it, and ends an epoch or the fine-tune. */
  async recordStep(outcome: StepOutcome, positions: number): Promise<void> {
    try {
      this.next += this.settings.batchSize;
      this.positions += positions;
      this.epochLoss += outcome.loss / this.stepsPerEpoch;
      this.step += 1;
      if (this.options.onStep) {
        const report: StepReport = { step: this.step, steps: this.steps, trainLoss: outcome.loss, trainAccuracy: outcome.accuracy };
        if (this.validation && this.validateAt(this.step)) {
          this.optimizer.sync();
          const scored = scoreSequences(this.model, this.validation, this.vocab.pad, this.lora);
          Object.assign(report, { validLoss: scored.loss, validAccuracy: scored.tokenAccuracy });
        }
        this.options.onStep(this.step, this.steps, outcome.loss, report);
      }
      if (this.next < this.sequences.length) return;
      this.next = 0;
      const epoch = this.step / this.stepsPerEpoch;
      this.optimizer.sync();
      if (this.options.onEpoch) await this.reportEpoch(epoch);
      if (epoch === this.settings.epochs) this.finish();
      else this.epochLoss = 0;
    } catch (e) {
      this.fail(e);
    }
  }

  private async reportEpoch(epoch: number): Promise<void> {
    const snapshot = this.lora ? cloneModel(this.model) : this.model;
    const savedMeta = snapshot.meta;
    try {
      if (this.lora) mergeLora(snapshot, this.lora);
      snapshot.meta = this.meta(epoch);
      await this.options.onEpoch!({ epoch, epochs: this.settings.epochs, step: this.step, steps: this.steps, trainLoss: this.epochLoss, model: snapshot });
    } finally {
      if (this.lora) disposeModel(snapshot);
      else snapshot.meta = savedMeta;
    }
  }

  private meta(epochs: number): Record<string, unknown> {
    const { batchSize, learningRate } = this.settings;
    return fineTuneMeta(this.base, this.options, { epochs, batchSize, learningRate, examples: this.examples.length, steps: this.step, finalLoss: this.epochLoss, seconds: this.seconds() });
  }

  private seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  /** A member without examples has no steps: it reports its epochs on its untouched copy and ends. */
  async finishWithoutSteps(): Promise<void> {
    try {
      for (let epoch = 1; epoch <= this.settings.epochs; epoch++) if (this.options.onEpoch) await this.reportEpoch(epoch);
      this.finish();
    } catch (e) {
      this.fail(e);
    }
  }

  private finish(): void {
    if (this.lora) {
      mergeLora(this.model, this.lora);
      tf.dispose(Object.values(this.lora.weights));
    }
    this.model.meta = this.meta(this.settings.epochs);
    this.finished = true;
    this.settle.resolve({ model: this.model, steps: this.steps, finalLoss: this.epochLoss, seconds: this.seconds(), positions: this.positions });
  }

  /** Ends the member with an error (its model is disposed); a member that has ended stays as it is. */
  fail(reason: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.dispose();
    this.settle.reject(reason);
  }

  private dispose(): void {
    disposeModel(this.model);
    if (this.lora) tf.dispose(Object.values(this.lora.weights));
  }
}
