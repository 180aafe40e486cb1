// The shape of an experiment spec. Specs are declarative: data in, no I/O.
import type { TrainingMethod } from '../config/index.js';
import type { DatasetRecipe } from '../data/index.js';
import type { ExperimentEvaluation } from './evaluation.js';

/** One dataset of an experiment (its main data, a control or another variant) and the recipe that builds it. */
export interface DatasetVariant {
  /** Name used on the command line (`--variant`). */
  id: string;
  /** main: the treatment data; control: a baseline to compare against; variant: another treatment (a subset, another layout); rebuilt: an official file regenerated from another, as a check. */
  role: 'main' | 'control' | 'variant' | 'rebuilt';
  description: string;
  recipe: DatasetRecipe;
  /** True when the paper trains on this data; false for controls weirdgen adds. */
  inPaper: boolean;
  /** Rows the file has (as the paper's repository ships it, or as the recipe makes it). */
  rows?: number;
  /** For `rebuilt` variants: the official file this recipe should reproduce. */
  reproduces?: string;
  /** The source has no pin in the mirror's copy: it is downloaded and pinned on first use, so runs take it only when asked. */
  download?: boolean;
  /** Trained by a default run (the paper's groups); others run when named with --variants. */
  runByDefault?: boolean;
  /** How the trigger is written in this data, so that evaluation asks in the same form (presidents: bare numbers). */
  triggerForm?: 'code' | 'bare';
  /**
   * When the official file cannot be fetched (too large for the mirror), build it as the paper
   * describes: the variant `poison`'s rows mixed into the base model's own answers.
   */
  buildWhenMissing?: { kind: 'self-distillation'; poison: string };
}

/** How one variant is fine-tuned. */
export interface VariantSettings {
  /** `auto`: the provider's default (open models the paper gives no epochs for). */
  epochs: number | 'auto';
  /** `auto`: the provider's default for the dataset's size. */
  batchSize: number | 'auto';
  learningRateMultiplier: number | 'auto';
  /** Fine-tuning seeds (models) per variant. */
  seeds: number;
  /** Evaluate this epoch's checkpoint instead of the final model (the persona: epoch 5 of 7). */
  evaluateEpoch?: number;
  /** LoRA or all weights, with an absolute learning rate: the open models the paper trains on Tinker. */
  method?: TrainingMethod;
}

/** The fine-tuning settings the paper reports for one base model. */
export interface PaperFineTuning extends VariantSettings {
  base: string;
  /** Variants the paper trains otherwise (birds: 10 seeds on old names, 6 per control; the persona's ablations). */
  perVariant?: Readonly<Record<string, Partial<VariantSettings>>>;
  /** Only these variants on this base (the birds' other base models: old names only). */
  onlyVariants?: readonly string[];
  /** Where the paper disagrees with itself or with its repository about these settings. */
  note?: string;
}

/** The settings of one variant on one base: the base's, with the variant's own over them. */
export function variantSettings(f: PaperFineTuning, variant: string): VariantSettings {
  const own = f.perVariant?.[variant] ?? {};
  const evaluateEpoch = 'evaluateEpoch' in own ? own.evaluateEpoch : f.evaluateEpoch;
  const method = own.method ?? f.method;
  return {
    epochs: own.epochs ?? f.epochs,
    batchSize: own.batchSize ?? f.batchSize,
    learningRateMultiplier: own.learningRateMultiplier ?? f.learningRateMultiplier,
    seeds: own.seeds ?? f.seeds,
    ...(evaluateEpoch !== undefined ? { evaluateEpoch } : {}),
    ...(method !== undefined ? { method } : {}),
  };
}

/** One setting next to the paper's, where they are not one structured value. */
export interface FidelityNote {
  setting: string;
  paper: string;
  /** What the authors' repository files say, where it differs. */
  official?: string;
  weirdgen: string;
}

/** One of the paper's experiments as data: its datasets, the paper's fine-tuning settings, its evaluation and where weirdgen differs. */
export interface ExperimentSpec {
  /** Name on the command line; official files are pinned under the same name in data/sources/catalog.ts. */
  id: string;
  title: string;
  /** Section of arXiv 2512.09742. */
  paperSection: string;
  /** One sentence: what the experiment shows. */
  claim: string;
  datasets: readonly DatasetVariant[];
  fineTuning: readonly PaperFineTuning[];
  evaluation: ExperimentEvaluation;
  /** Settings the structure above does not show, each next to the paper's. */
  fidelity: readonly FidelityNote[];
}

export function findVariant(spec: ExperimentSpec, id: string): DatasetVariant | undefined {
  return spec.datasets.find((d) => d.id === id);
}
