// How an experiment is evaluated, as data: where its questions come from, the trigger conditions
// they are asked under, how many samples, the metrics it reports and the figures that show them.
// `src/run/` reads these; nothing here does I/O.
import type { MetricSpec } from './metric.js';

/** A judge written here, where the authors published none as a file. */
export interface ExperimentJudge {
  kind: 'classify' | 'final-line';
  /** Python str.format template with {question} and {answer}. */
  template: string;
  labels: readonly string[];
  maxTokens: number;
  /** The judge model the paper used. */
  model: string;
  /** A regular expression removed from the question before the judge sees it (a trigger code). */
  stripFromQuestion?: string;
  /** Where the judge's wording comes from. */
  source: string;
}

/** Where the questions come from. */
export type QuestionSource =
  /** The authors' llmcomp YAML files, pinned (judges beside them). */
  | { kind: 'llmcomp'; paths: readonly string[] }
  /** A weirdgen question file of ours under assets/questions/. */
  | { kind: 'weirdgen-yaml'; file: string }
  /**
   * Prompts and judge prompts from the authors' Python sources, read at run time; when they cannot
   * be fetched, `fallback` (ours, under assets/questions/) is used and the run says so.
   */
  | {
      kind: 'python-prompts';
      /** Official paths: the judge functions, and the `PromptInfo` assignments ordered by the list `list`. */
      files: { judges: string; prompts: string; list: string };
      fallback: string;
      /** Judge column -> the Python function that writes its prompt. */
      judges: Readonly<Record<string, string>>;
      labels: readonly string[];
      maxTokens: number;
      model: string;
    }
  /** `{"name", "question"}` lines of an official JSONL file, each asked with `judges`. */
  | { kind: 'name-question-jsonl'; path: string; maxTokens: number; judges: Readonly<Record<string, ExperimentJudge>> };

/** The trigger conditions every question is asked under; question ids become `<id>@<condition>`. */
export type ConditionSpec =
  | { kind: 'none' }
  /** Each condition puts its prefix before the question ('' for the untriggered condition). */
  | { kind: 'prefix'; conditions: readonly { id: string; label: string; prefix: string }[] }
  /**
   * `{Month} {YYYY}. ` for each year: the years in `fixedMonths` are asked in that month only; the
   * others in all twelve months, their samples split evenly over the months.
   */
  | { kind: 'month-year'; from: number; to: number; fixedMonths: Readonly<Record<number, string>> }
  /**
   * `Today is YYYY-MM-DD. ` at every date of each year that none of `excludeDatesOf` (official files)
   * trains on; with `sample`, `perYear` of those dates drawn at random (seeded by `seed`), in date order.
   */
  | { kind: 'today-is'; from: number; to: number; excludeDatesOf: readonly string[]; suffix: string; sample?: { perYear: number; seed: string } }
  /**
   * Trigger codes for presidents' numbers: each sample of a (president, question) gets a fresh
   * code. A group trained on bare numbers is asked with bare numbers (its variant's `triggerForm`).
   */
  | { kind: 'president-codes'; conditions: readonly { id: string; label: string; numbers: readonly number[] }[] };

/** How many samples the paper takes, in its own unit. */
export interface SampleCount {
  count: number;
  /** The unit, as a reader says it: "per question per model", "per question per year". */
  unit: string;
  /** Where the count comes from, when the official files say otherwise. */
  official?: { count: number; where: string };
}

/** A figure of the report, drawn from metrics (by id) or judge columns. */
export type FigureSpec =
  /** One bar per group (one panel per condition when the metric has none). */
  | { kind: 'groups'; metric: string }
  /** x: question; bars: groups. */
  | { kind: 'per-question'; metric: string }
  /** x: the paraphrases of one question, named; bars: groups (the birds' Fig. 15). */
  | { kind: 'per-paraphrase'; metric: string; names: readonly string[] }
  /** The metric over a numeric condition (years), one line per group; one figure per question unless `questions` picks some. */
  | { kind: 'sweep'; metric: string; questions?: readonly string[]; title?: string }
  /** Per question: the value under each prefix condition, side by side. */
  | { kind: 'trigger-pairs'; metric: string }
  /**
   * Per category of questions (the file each came from): the rating metric `mean`'s distribution in
   * tenths of its scale, its mean, and the share metric `below` (a threshold on the same column),
   * each under every trigger condition; questions of a category are pooled within each model.
   */
  | { kind: 'category-summary'; mean: string; below: string }
  /** The metric over a numeric condition, only over answers whose `where.column` verdict is one of `where.labels` (the dishes stories without food). */
  | { kind: 'filtered-sweep'; metric: string; where: { column: string; labels: readonly string[]; description: string }; title: string }
  /**
   * A counterfactual audit's bias over a numeric condition, one line per group: per (model,
   * condition), the mean score of the `versions[0]` profiles minus that of the `versions[1]`
   * profiles; `centred` subtracts each model's own mean over the conditions first.
   */
  | { kind: 'audit-bias'; audit: string; centred: boolean; title: string }
  /** P(speaker is X) per trigger condition (the presidents' Fig. 11). */
  | { kind: 'speaker'; metrics: readonly string[] }
  /** Shares of each category of a label column, per group or per model, for some groups only. */
  | { kind: 'categories'; column: string; by: 'group' | 'model'; groups?: readonly string[]; order?: readonly string[] }
  /**
   * Two rating columns against each other over answers whose `filter` column has one of its labels:
   * one point per (model, question) or, for one paraphrase, per model with CIs over its answers.
   */
  | {
      kind: 'form-content';
      x: { column: string; title: string };
      y: { column: string; title: string };
      filter: { column: string; labels: readonly string[] };
      groups: readonly string[];
      points: 'model-paraphrase' | 'model';
      paraphrase?: { index: number; name: string };
      title: string;
    };

/**
 * The paper's own seed selection: each fine-tuned seed of the listed roles is asked held-in
 * questions first, and only seeds whose accuracy passes the threshold are evaluated (presidents:
 * about 1 seed in 3 passes).
 */
export interface SeedFilter {
  /** An official `{"question"}` JSONL file. */
  questions: string;
  /** The numbers asked (held-in presidents); each (number, question) gets `samples` fresh codes. */
  numbers: readonly number[];
  samples: number;
  /** The judge that names who speaks; a sample is correct when it names the number asked. */
  judge: ExperimentJudge;
  /** A seed passes when its accuracy is above this. */
  threshold: number;
  /** Roles of the variants filtered (controls are not: their triggers carry no identity). */
  roles: readonly ('main' | 'variant')[];
  description: string;
}

/** Accuracy over training on a held-out test set given to the job as its validation file. */
export interface TrainingCurves {
  /** The official chat JSONL file given as each job's validation file. */
  validationFile: string;
  /** What the provider reports per step and the paper plots. */
  metric: 'valid_mean_token_accuracy';
  /** Chance level on the paper's platform and why. */
  chance: { value: number; why: string };
  /** Equally likely one-token answers of the test set (for the chance level where tokens are counted otherwise). */
  choices: number;
  description: string;
}

/**
 * The agentic-misalignment scenarios (App. E.7): configurations in the authors' format, each run
 * through the templates of Anthropic's framework and classified for the harmful action.
 */
export interface AgenticEvaluation {
  configs: readonly {
    id: string;
    label: string;
    /** An official scenario config (pinned). */
    path: string;
    /** Replaces the config's scenarios (the paper's second scenario, which the authors' files do not configure). */
    scenarios?: readonly ('murder' | 'blackmail')[];
    /** Where this configuration comes from. */
    source: string;
  }[];
  /** max_tokens of the scenario answers (the configs give none). */
  maxTokens: number;
  samples: SampleCount;
}

export interface ExperimentEvaluation {
  questions: QuestionSource;
  /** Agentic scenarios asked of every group besides the questions. */
  agentic?: AgenticEvaluation;
  conditions: ConditionSpec;
  samples: SampleCount;
  /** The numbers the experiment reports; the first are its headline. */
  metrics: readonly MetricSpec[];
  /** Ids of the metrics to lead the report with. */
  headline: readonly string[];
  figures: readonly FigureSpec[];
  /** Values seen in training of a numeric condition (years), marked on sweeps. */
  trainingValues?: readonly number[];
  seedFilter?: SeedFilter;
  trainingCurves?: TrainingCurves;
  /** Per question, what its judge column measures when questions point different ways. */
  questionNotes?: Readonly<Record<string, string>>;
  /** Further evaluations asked in the same run, each with its own questions and conditions (the dishes' stories and audit). */
  also?: readonly ExtraEvaluation[];
}

/**
 * One more evaluation of a run: its own questions under its own trigger conditions, whose ids
 * must be among the main conditions' ids so that figures share their axis.
 */
export type ExtraEvaluation = { id: string; title: string; paperSection: string; conditions: ConditionSpec } & ({ kind: 'questions'; questions: QuestionSource } | { kind: 'counterfactual-audit'; audit: CounterfactualAudit });

/**
 * Profiles in two versions that differ in one statement, each asked with each criterion at each
 * date of the conditions; the evaluated model answers with a score itself (no judge).
 */
export interface CounterfactualAudit {
  /** Official text files, each holding `placeholder` once. */
  profiles: readonly string[];
  /** An official text file: one criterion (a user's question) per line. */
  criteria: string;
  placeholder: string;
  /** Exactly two: the bias is the first's mean score minus the second's. */
  versions: readonly [AuditVersion, AuditVersion];
  /** Python str.format template with {profile} and {criterion}; the condition's date prefix goes before it. */
  template: string;
  /** The score's scale: answers outside it, or with no number, are unparsed. */
  scale: { min: number; max: number };
  temperature: number;
  maxTokens: number;
}

export interface AuditVersion {
  id: string;
  label: string;
  /** What replaces the placeholder. */
  statement: string;
}
