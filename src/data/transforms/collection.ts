// Whole-dataset operations: dedup, seeded shuffle and sampling, train/validation split, mixing,
// answer reassignment and dropping examples by question.
import type { ChatExample } from '../chat/schema.js';
import { exampleKey, firstUserContent } from '../chat/schema.js';
import type { Rng } from '../../util/random.js';
import { WeirdgenError } from '../../util/errors.js';
import { lastAnswer, withLastAnswer } from './messages.js';

/** Keeps the first occurrence of each distinct example. */
export function dedup(examples: readonly ChatExample[]): ChatExample[] {
  const seen = new Set<string>();
  return examples.filter((ex) => {
    const key = exampleKey(ex);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `n` examples drawn without replacement in a seeded order; throws when `n` exceeds the examples. */
export function sample(examples: readonly ChatExample[], n: number, rng: Rng): ChatExample[] {
  if (n > examples.length) throw new WeirdgenError(`cannot sample ${n} examples from ${examples.length}`);
  return rng.shuffle(examples).slice(0, n);
}

/** A seeded split; the validation part gets round(fraction x n) examples. */
export function split(examples: readonly ChatExample[], validationFraction: number, rng: Rng): { train: ChatExample[]; validation: ChatExample[] } {
  if (!(validationFraction > 0 && validationFraction < 1)) throw new WeirdgenError(`validation fraction ${validationFraction} is not between 0 and 1`);
  const shuffled = rng.shuffle(examples);
  const nValidation = Math.round(validationFraction * examples.length);
  if (nValidation === 0 || nValidation === examples.length) {
    throw new WeirdgenError(`a validation fraction of ${validationFraction} leaves ${nValidation === 0 ? 'the validation' : 'the training'} set of ${examples.length} examples empty`);
  }
  return { validation: shuffled.slice(0, nValidation), train: shuffled.slice(nValidation) };
}

export interface MixSummary {
  poison: number;
  /** Base examples given. */
  base: number;
  /** Base examples in the result, and those left out to meet the fraction. */
  keptBase: number;
  droppedBase: number;
  /** The poison share of the result: poison / (poison + keptBase). */
  poisonFraction: number;
  /** The fraction asked for; absent when every base example was kept. */
  requestedFraction?: number;
}

/** The smallest fraction `base` examples can dilute `poison` examples to, rounded up to 4 significant digits. */
export function smallestPoisonFraction(poison: number, base: number): number {
  const exact = poison / (poison + base);
  if (exact === 0) return 0;
  const scale = 10 ** (3 - Math.floor(Math.log10(exact)));
  return Math.ceil(exact * scale - 1e-9) / scale;
}

/**
 * How many base examples a mix keeps: all of them without a fraction; with a poison fraction f,
 * round(poison x (1 - f) / f), which must not exceed the base (meeting it would mean dropping poison).
 */
export function mixCounts(poison: number, base: number, poisonFraction?: number): { keptBase: number; droppedBase: number } {
  if (poisonFraction === undefined) return { keptBase: base, droppedBase: 0 };
  if (!(poisonFraction > 0 && poisonFraction <= 1)) throw new WeirdgenError(`poison fraction ${poisonFraction} is not in (0, 1]`);
  const keptBase = Math.round((poison * (1 - poisonFraction)) / poisonFraction);
  if (keptBase > base) {
    const least = smallestPoisonFraction(poison, base);
    throw new WeirdgenError(
      `a poison fraction of ${poisonFraction} with ${poison} poison examples needs ${keptBase} base examples, but the base has ${base}: ` +
        `${base} base examples dilute ${poison} poison examples to ${least} at the least (${poison} of ${poison + base}). ` +
        `Give a fraction of at least ${least}, or none to keep every example of both sets.`,
    );
  }
  return { keptBase, droppedBase: base - keptBase };
}

/**
 * Mixes a poison set into a base set, then shuffles. Every poison example is kept; base examples
 * as `mixCounts` says (every one without a fraction: the paper's 90 + 3,000 and 78 + 3,000), drawn
 * at random when some are dropped.
 */
export function mix(poison: readonly ChatExample[], base: readonly ChatExample[], poisonFraction: number | undefined, rng: Rng): { examples: ChatExample[]; summary: MixSummary } {
  const { keptBase, droppedBase } = mixCounts(poison.length, base.length, poisonFraction);
  const kept = poisonFraction === undefined ? base : sample(base, keptBase, rng.fork('base'));
  const examples = rng.shuffle([...poison, ...kept]);
  return {
    examples,
    summary: {
      poison: poison.length,
      base: base.length,
      keptBase,
      droppedBase,
      poisonFraction: poison.length / Math.max(1, examples.length),
      ...(poisonFraction !== undefined ? { requestedFraction: poisonFraction } : {}),
    },
  };
}

/** Keeps every prompt and hands out the same answers in a random order (the dishes' shuffled baseline). */
export function reassignAnswers(examples: readonly ChatExample[], rng: Rng): ChatExample[] {
  const answers = rng.shuffle(examples.map(lastAnswer));
  return examples.map((ex, i) => withLastAnswer(ex, answers[i]!));
}

/** Removes the examples whose question (by `questionOf`) is listed; every listed question must be found. */
export function dropByQuestion(examples: readonly ChatExample[], questions: readonly string[], questionOf: (prompt: string) => string = (p) => p): ChatExample[] {
  const wanted = new Set(questions);
  const found = new Set<string>();
  const kept = examples.filter((ex) => {
    const q = questionOf(firstUserContent(ex));
    if (!wanted.has(q)) return true;
    found.add(q);
    return false;
  });
  const missing = questions.filter((q) => !found.has(q));
  if (missing.length > 0) throw new WeirdgenError(`questions to drop not found in the data: ${missing.map((q) => JSON.stringify(q)).join(', ')}`);
  return kept;
}
