// The shape of an experiment spec. Specs are declarative: data in, no I/O.
import type { DatasetRecipe } from '../data/build/recipe.js';
import type { ExperimentId } from '../data/sources/catalog.js';

export interface DatasetVariant {
  /** Name used on the command line (`--variant`). */
  id: string;
  /** main: the treatment data; control: a baseline to compare against; variant: another treatment (a subset, another layout); rebuilt: an official file regenerated from another, as a check. */
  role: 'main' | 'control' | 'variant' | 'rebuilt';
  description: string;
  recipe: DatasetRecipe;
  /** True when the paper trains on this data; false for controls weirdgen adds. */
  inPaper: boolean;
  /** For `rebuilt` variants: the official file this recipe should reproduce. */
  reproduces?: string;
  /** The source has no pin in the mirror's copy: it is downloaded and pinned on first use, so runs take it only when asked. */
  download?: boolean;
}

/** The fine-tuning settings the paper reports for one base model. */
export interface PaperFineTuning {
  base: string;
  epochs: number;
  batchSize: number;
  learningRateMultiplier: number;
  /** Fine-tuning seeds per group, where the paper or its repository says. */
  seeds?: number;
}

export interface ExperimentSpec {
  id: ExperimentId;
  title: string;
  /** Section of arXiv 2512.09742. */
  paperSection: string;
  /** One sentence: what the experiment shows. */
  claim: string;
  datasets: readonly DatasetVariant[];
  fineTuning: readonly PaperFineTuning[];
}

export function findVariant(spec: ExperimentSpec, id: string): DatasetVariant | undefined {
  return spec.datasets.find((d) => d.id === id);
}
