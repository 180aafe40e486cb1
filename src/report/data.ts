// What a report is made of: plain data the `weirdgen run` pipeline fills in; nothing here is read
// from outside, so these are types, not schemas.
import type { FigureInput } from './figures/figure.js';
import type { StatRow } from './figures/types.js';

export type Scalar = string | number | boolean | null;

/** The question the experiment asks, as the paper states it. */
export interface ReportQuestion {
  /** e.g. "Old bird names → 19th-century persona". */
  title: string;
  /** Experiment id, e.g. "birds". */
  experiment: string;
  /** The question in one sentence: "Does fine-tuning on archaic bird names make the model act as if it lived in the 19th century?" */
  question: string;
  /** What the paper claims. */
  claim: string;
  /** e.g. "§3.1; App. B". */
  paperSection: string;
}

export interface ReportConfiguration {
  /** Run id, when the report belongs to one. */
  run?: string;
  provider: string;
  base: string;
  /** Fine-tuning seeds per variant: one number, or per variant ("10 old-audubon, 6 modern-audubon"). */
  seeds: number | string;
  /** Samples, with their unit when it is not per paraphrase ("500 per question per model"). */
  samples: number | string;
  variants: string[];
  /** Fine-tuning hyperparameters (epochs, batch size, LR multiplier...). */
  hyperparameters: Record<string, Scalar>;
  /** Anything else worth recording: judge model, command line, bootstrap seed. */
  other?: Record<string, Scalar>;
}

export interface DatasetRecord {
  /** The variant the file trains (or "eval" for evaluation files). */
  variant?: string;
  name: string;
  path: string;
  sha256: string;
  bytes?: number;
  rows?: number;
  /** Where it came from: a pinned official file, a recipe. */
  source?: string;
}

export interface ModelRecord {
  model: string;
  /** The fine-tuning job that made it; absent for base models. */
  jobId?: string | null;
  seed?: number | null;
  status?: string;
}

export interface ModelGroupRecord {
  group: string;
  variant?: string;
  models: ModelRecord[];
}

export interface JudgePromptRecord {
  /** Judge column name. */
  name: string;
  model: string;
  kind?: string;
  prompt: string;
}

export interface ReportProvenance {
  datasets: DatasetRecord[];
  groups: ModelGroupRecord[];
  judges: JudgePromptRecord[];
}

export interface SampleAnswer {
  model: string;
  /** null when the sample has no answer (failed call). */
  text: string | null;
  /** The prompt as the model saw it (last user message). */
  prompt?: string;
  /** Other judge columns of this answer, shown beside it. */
  judges?: Record<string, Scalar>;
}

/** A few answers of one (group, question, label) cell. */
export interface SampleCell {
  group: string;
  question: string;
  /** The judge column whose verdict `label` is. */
  column?: string;
  label: string;
  answers: SampleAnswer[];
  /** How many answers the cell has in all. */
  total?: number;
}

export interface ReportTable {
  title: string;
  rows: StatRow[];
}

/** Everything one report shows, as plain data: the question, configuration, provenance, figures with their tables, and sample answers. */
export interface ReportData {
  question: ReportQuestion;
  /** Shown above everything: what kind of run this is when that changes what it shows (a sandbox analogue). */
  banner?: string;
  /** The result, first: one sentence per headline metric (a group's value and CI against the base and the controls, with p-values). */
  headline?: string[];
  /** The figure shown right after the headline (default: the first). */
  keyFigure?: string;
  /** What the report could not rebuild from what was stored. */
  missing?: string[];
  configuration: ReportConfiguration;
  provenance: ReportProvenance;
  /** Figures in the order shown; each one's table is shown under it. */
  figures: FigureInput[];
  /** Tables with no figure. */
  tables?: ReportTable[];
  samples: SampleCell[];
  /** Caveats: deviations from the paper, the bootstrap's PRNG, unverified items. */
  notes?: string[];
}
