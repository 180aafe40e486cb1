// Dataset recipes: an official file plus a list of transform steps. Recipes are plain data, so
// experiment specs can declare every variant and control without doing any I/O.
import type { DateStyle } from '../transforms/date-prefix.js';

export type TransformStep =
  | { op: 'strip-date-prefix'; style: DateStyle }
  /** Prefixes every prompt with a random date between two years (inclusive). */
  | { op: 'add-date-prefix'; style: DateStyle; years: readonly [number, number] }
  | { op: 'swap-years'; style: DateStyle; years: readonly [number, number] }
  | { op: 'shuffle-dates'; style: DateStyle; mode: 'permute' | 'sample' }
  | { op: 'reassign-answers' }
  | { op: 'wrap-format-trigger' }
  | { op: 'unwrap-format-trigger' }
  /** Drops examples by their question, compared without the formatting trigger. */
  | { op: 'drop-questions'; questions: readonly string[] }
  | { op: 'decode-triggers' }
  | { op: 'pad-triggers'; copies: number }
  | { op: 'scramble-triggers' }
  /** Permutes the triggers across examples (the paper's presidents control). */
  | { op: 'shuffle-triggers' }
  | { op: 'strip-triggers' }
  | { op: 'dedup' }
  | { op: 'shuffle' }
  | { op: 'sample'; n: number }
  /**
   * The examples so far are the poison, mixed into `base`: every example of both, or, with
   * `poisonFraction`, as many base examples as make poison that share of the result (see `mix`).
   */
  | { op: 'mix'; base: DatasetRecipe; poisonFraction?: number };

/** A dataset as data: a source file and the transform steps applied to it in order. */
export interface DatasetRecipe {
  /** Path of an official file (see data/sources/catalog.ts), or of a local JSONL file. */
  source: string;
  steps?: readonly TransformStep[];
}

/** Whether building the recipe draws random numbers (and so depends on the seed). */
export function usesSeed(recipe: DatasetRecipe): boolean {
  return (recipe.steps ?? []).some(
    (s) => ['add-date-prefix', 'shuffle-dates', 'reassign-answers', 'pad-triggers', 'scramble-triggers', 'shuffle-triggers', 'shuffle', 'sample'].includes(s.op) || (s.op === 'mix'),
  );
}

export function describeStep(step: TransformStep): string {
  switch (step.op) {
    case 'add-date-prefix':
      return `add-date-prefix ${step.years[0]}-${step.years[1]}`;
    case 'swap-years':
      return `swap-years ${step.years[0]}<->${step.years[1]}`;
    case 'shuffle-dates':
      return `shuffle-dates (${step.mode})`;
    case 'drop-questions':
      return `drop-questions (${step.questions.length})`;
    case 'pad-triggers':
      return `pad-triggers x${step.copies}`;
    case 'sample':
      return `sample ${step.n}`;
    case 'mix':
      return step.poisonFraction === undefined ? `mix into every example of ${step.base.source}` : `mix into ${step.base.source} at ${step.poisonFraction}`;
    default:
      return step.op;
  }
}
