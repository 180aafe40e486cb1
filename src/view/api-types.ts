// What the viewer's JSON API answers: written here once, for the server (src/view/) and the page
// (web/view/), which imports it type-only. Type declarations only, no Node and no other layer, so
// that it compiles under the server's tsconfig and under the page's (DOM).
import type { TopLevelSpec } from 'vega-lite';

export interface RunListing {
  id: string;
  kind: 'eval' | 'experiment';
  experiment: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  groups: { name: string; models: number }[];
  /** Samples planned (group x model x question x paraphrase x sample); null when the definition cannot be read here. */
  samples: number | null;
  /** The answers' cost, known once the viewer has indexed the run; null otherwise or when a model has no price. */
  answersCostUsd: number | null;
  /** Why the run's plan cannot be read here (say, an endpoint no longer configured). */
  problem?: string;
}

export interface GroupLine {
  group: string;
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
  over: string;
  counted: number;
  unparsed: number;
  refusal: number;
  noAnswer: number;
  warning: string | null;
}

/** What a line of a summary or of a comparison measures. */
export interface LineHeading {
  /** The judge column, or a declared metric's id. */
  metric: string;
  label: string | null;
  /** A share of answers with the label, a mean rating, or a declared metric (a share). */
  kind: 'share' | 'mean' | 'metric';
  question: string | null;
  condition: string | null;
}

export interface SummaryLine extends LineHeading {
  paraphrase: number | null;
  prompt: string | null;
  groups: GroupLine[];
}

export interface ViewFigure {
  name: string;
  title: string;
  spec: TopLevelSpec;
  /** The judge column and label the figure's bars measure, when one. */
  judge: string | null;
  label: string | null;
}

/** What a run's samples can be filtered by. */
export interface RunChoices {
  id: string;
  kind: 'eval' | 'experiment';
  status: string;
  groups: string[];
  models: string[];
  questions: string[];
  conditions: string[];
  paraphrases: number;
  judges: { column: string; labels: string[] }[];
  samples: number;
}

export interface RunOverview extends RunChoices {
  answersCostUsd: number | null;
  indexedAt: string;
  summary: SummaryLine[];
  warnings: string[];
  figures: ViewFigure[];
  missing: string[];
}

export type SampleStatus = 'ok' | 'failed' | 'pending';

export interface Verdict {
  status: string;
  label: string | null;
  value: number | null;
}

/** One sample as a page lists it. */
export interface SampleSummary {
  ordinal: number;
  group: string;
  model: string;
  question: string;
  baseQuestion: string;
  condition: string | null;
  paraphrase: number;
  sampleIx: number;
  status: SampleStatus;
  prompt: string;
  /** null when the sample has no answer. */
  answer: string | null;
  judges: Record<string, Verdict>;
}

export interface SamplePage {
  samples: SampleSummary[];
  /** The `after` of the next page; null on the last. */
  next: number | null;
}

export interface JudgeDetail {
  column: string;
  status: string;
  value: string | number | null;
  raw: string;
  method: string | null;
  /** A rating judge's first answer token: the top tokens with their probabilities. */
  distribution: { token: string; probability: number }[];
  calls: { key: string; text: string | null; error: string | null; latencyMs: number | null }[];
}

export interface SampleDetail {
  ordinal: number;
  group: string;
  model: string;
  question: string;
  condition: string | null;
  paraphrase: number;
  sampleIx: number;
  key: string;
  status: SampleStatus;
  messages: { role: 'system' | 'user' | 'assistant'; content: string }[];
  answer: string | null;
  error: string | null;
  /** The fine-tuning job that made the model, when the ledger knows it. */
  job: { jobId: string | null; seed: number; variant: string | null; baseModel: string; group: string } | null;
  promptTokens: number | null;
  completionTokens: number | null;
  /** US dollars; null when unknown (no price, or not asked). */
  costUsd: number | null;
  latencyMs: number | null;
  attempts: number | null;
  judges: JudgeDetail[];
}

/** What the pair view offers: the questions asked under more than one condition, and the models asked them. */
export interface PairChoices {
  questions: string[];
  models: string[];
}

export interface TriggerPair {
  model: string;
  group: string;
  question: string;
  paraphrase: number;
  sampleIx: number;
  /** Samples per paraphrase of the question for this model: the sample indices to page through. */
  samples: number;
  /** One sample per condition, the question without a condition first. */
  cells: SampleSummary[];
}

/** One group's side of a comparison. */
export interface ComparedSide {
  mean: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  n: number;
}

export interface ComparedLine extends LineHeading {
  a: ComparedSide;
  b: ComparedSide;
  /** mean(a) - mean(b), and a 95% interval from the two groups' bootstrap intervals (independent groups). */
  difference: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  pValue: number | null;
  over: string;
}

export interface Comparison {
  a: string;
  b: string;
  /** Questions both sides were asked; the comparison reads only these. */
  questions: string[];
  lines: ComparedLine[];
}

/** A saved audit as the Audits page lists it (its file's header). */
export interface AuditListing {
  id: string;
  kind: 'dataset' | 'triggers';
  /** The dataset file of a dataset audit, the model of a triggers audit. */
  subject: string;
  createdAt: string;
  flagged: number;
  findings: number;
  tests: number;
  /** The workspace runs the audit asked through (a canary's run first). */
  runs: string[];
  /** The report's result sentences. */
  lead: string[];
}

export interface AuditList {
  audits: AuditListing[];
  /** Files of the workspace's audits folder that are not saved audits, and why. */
  unreadable: { file: string; problem: string }[];
}

/** One test of an audit: the subject's share against the reference's, each over its samples. Numbers are null where the statistic is undefined. */
export interface AuditTest {
  probe: string;
  base: string;
  condition: string | null;
  seenInData: boolean;
  signal: string;
  text: string;
  subject: number | null;
  nSubject: number;
  reference: number | null;
  nReference: number;
  /** Samples with no signal on each side (not in the shares). */
  missingSubject: number;
  missingReference: number;
  shift: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  qValue: number | null;
}

export interface AuditFinding {
  latent: string;
  text: string;
  status: 'flagged' | 'concern, not flagged' | 'note';
  why: string;
  breadth: number;
  reach: number;
  /** Significant increases pointing to the latent, on how many probes, how many of those outside the data. */
  significant: number;
  probes: number;
  probesOutsideData: number;
  maxShift: number | null;
  /** The largest tests. */
  tests: AuditTest[];
  /** A few answers of the subject that show the signal. */
  examples: { where: string; signal: string; answer: string }[];
}

export interface AuditFindings {
  /** Who was tested against whom. */
  subject: string;
  reference: string;
  tests: number;
  fdr: number;
  minShift: number;
  findings: AuditFinding[];
  /** The largest significant decreases, and how many there are in all. */
  decreases: AuditTest[];
  decreasesTotal: number;
}

export interface AuditReader {
  reader: string;
  summary: string;
  hypothesis: string | null;
  agreeing: number;
  samples: number;
}

export interface AuditDetail extends AuditListing {
  /** The ranked findings and the tests they came from; null for a reader-only audit. */
  ranked: AuditFindings | null;
  reader: AuditReader | null;
  /** A triggers audit's condition x probe heatmap, as a Vega-Lite spec. */
  heatmap: { title: string; spec: TopLevelSpec } | null;
  conditions: { family: string; conditions: { id: string; text: string; stage: string; samples: number }[] }[];
  /** Configuration and provenance, as (what, value) lines. */
  configuration: [string, string][];
  notices: string[];
}
