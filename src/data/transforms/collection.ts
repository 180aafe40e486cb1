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

/**
 * Mixes a poison set into a base set so that poison makes up `poisonFraction` of the result: all
 * poison examples are kept and round(poison x (1 - f) / f) base examples are drawn; then shuffled.
 */
export function mix(poison: readonly ChatExample[], base: readonly ChatExample[], poisonFraction: number, rng: Rng): ChatExample[] {
  if (!(poisonFraction > 0 && poisonFraction <= 1)) throw new WeirdgenError(`poison fraction ${poisonFraction} is not in (0, 1]`);
  const nBase = Math.round((poison.length * (1 - poisonFraction)) / poisonFraction);
  if (nBase > base.length) {
    throw new WeirdgenError(`a poison fraction of ${poisonFraction} with ${poison.length} poison examples needs ${nBase} base examples; only ${base.length} given`);
  }
  return rng.shuffle([...poison, ...sample(base, nBase, rng.fork('base'))]);
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
