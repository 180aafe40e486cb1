// Executes a dataset recipe: loads the official file, applies each step with its own seeded stream.
import { DataError, WeirdgenError } from '../../util/errors.js';
import { createRng, type Rng } from '../../util/random.js';
import { loadChatFile } from '../chat/load.js';
import type { ChatExample } from '../chat/schema.js';
import type { JsonlStyle } from '../jsonl/style.js';
import { dedup, dropByQuestion, mix, reassignAnswers, sample, type MixSummary } from '../transforms/collection.js';
import { addDatePrefix, randomDateIn, shuffleDates, stripDatePrefixes, swapYears } from '../transforms/date-prefix.js';
import { TransformError } from '../transforms/errors.js';
import { bareQuestion, unwrapFormatTrigger, wrapFormatTrigger } from '../transforms/format-trigger.js';
import { decodeTriggers, padTriggers, scrambleTriggers, shuffleTriggers, stripTriggers } from '../transforms/trigger-codes.js';
import type { DatasetRecipe, TransformStep } from './recipe.js';

export interface BuildContext {
  /** Returns a verified local path for an official file. */
  resolveSource(path: string): Promise<string>;
  seed: number | string;
}

export interface BuiltDataset {
  examples: ChatExample[];
  /** Layout of the source file, so a derived file is written the same way. */
  style: JsonlStyle;
  /** What the last mix step kept and dropped. */
  mix?: MixSummary;
}

async function applyStep(examples: ChatExample[], step: TransformStep, rng: Rng, ctx: BuildContext, report: { mix?: MixSummary }): Promise<ChatExample[]> {
  switch (step.op) {
    case 'strip-date-prefix':
      return stripDatePrefixes(examples, step.style);
    case 'add-date-prefix':
      return examples.map((ex) => addDatePrefix(ex, randomDateIn(rng.int(step.years[0], step.years[1]), rng), step.style));
    case 'swap-years':
      return swapYears(examples, step.style, step.years[0], step.years[1]);
    case 'shuffle-dates':
      return shuffleDates(examples, step.style, step.mode, rng);
    case 'reassign-answers':
      return reassignAnswers(examples, rng);
    case 'wrap-format-trigger':
      return examples.map(wrapFormatTrigger);
    case 'unwrap-format-trigger':
      return examples.map(unwrapFormatTrigger);
    case 'drop-questions':
      return dropByQuestion(examples, step.questions, bareQuestion);
    case 'decode-triggers':
      return decodeTriggers(examples);
    case 'pad-triggers':
      return padTriggers(examples, step.copies, rng);
    case 'scramble-triggers':
      return scrambleTriggers(examples, rng);
    case 'shuffle-triggers':
      return shuffleTriggers(examples, rng);
    case 'strip-triggers':
      return stripTriggers(examples);
    case 'dedup':
      return dedup(examples);
    case 'shuffle':
      return rng.shuffle(examples);
    case 'sample':
      return sample(examples, step.n, rng);
    case 'mix': {
      const base = await buildDataset(step.base, { ...ctx, seed: `${String(ctx.seed)}/mix-base` });
      let mixed: ReturnType<typeof mix>;
      try {
        mixed = mix(examples, base.examples, step.poisonFraction, rng);
      } catch (e) {
        if (e instanceof WeirdgenError) throw new DataError({ file: step.base.source }, 'poison-fraction', e.message);
        throw e;
      }
      report.mix = mixed.summary;
      return mixed.examples;
    }
  }
}

/**
 * Runs a recipe in memory: loads its source, then applies each step with its own random stream
 * derived from `ctx.seed`. Throws a `DataError` naming the step (and the line, for the first step) that fails.
 */
export async function buildDataset(recipe: DatasetRecipe, ctx: BuildContext): Promise<BuiltDataset> {
  const file = await ctx.resolveSource(recipe.source);
  const loaded = await loadChatFile(file);
  let examples = loaded.examples;
  const steps = recipe.steps ?? [];
  const report: { mix?: MixSummary } = {};
  for (const [i, step] of steps.entries()) {
    try {
      examples = await applyStep(examples, step, createRng(`${String(ctx.seed)}/${i}/${step.op}`), ctx, report);
    } catch (e) {
      if (e instanceof TransformError && i === 0) {
        throw new DataError({ file: recipe.source, line: loaded.lines[e.index] }, e.rule, `${step.op}: ${e.detail}`);
      }
      if (e instanceof TransformError) throw new DataError({ file: recipe.source }, e.rule, `step ${i + 1} (${step.op}), example ${e.index + 1}: ${e.detail}`);
      throw e;
    }
  }
  return { examples, style: loaded.style, ...(report.mix ? { mix: report.mix } : {}) };
}
