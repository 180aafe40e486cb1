// Dataset statistics: size, duplicates, token distribution and the training-cost estimate.
import { loadChatFile } from './chat/load.js';
import { exampleKey, firstUserContent } from './chat/schema.js';
import { estimateTrainingCost, type EpochsSetting, type TrainingCostEstimate } from './cost/estimate.js';
import type { PriceTable } from './cost/prices.js';
import { baseModelId, findModel, type Encoding } from './models.js';
import { countChatTokens } from './tokens/count.js';
import { lastAnswer } from './transforms/messages.js';

/** What `datasetStats` reports about a file; token counts include the chat format's overhead. */
export interface DatasetStats {
  file: string;
  examples: number;
  distinctExamples: number;
  /** Examples that repeat an earlier one. */
  duplicates: number;
  messages: number;
  distinctPrompts: number;
  distinctAnswers: number;
  encoding: Encoding;
  /** Whether the tokenizer is the model's own (false: o200k_base used as an approximation). */
  tokenizerKnown: boolean;
  tokens: { min: number; mean: number; max: number; total: number };
  cost: TrainingCostEstimate;
}

export interface StatsOptions {
  model: string;
  epochs: EpochsSetting;
  prices: PriceTable;
}

/**
 * Counts examples, duplicates and tokens of a chat JSONL file and estimates its training cost for
 * `options.model`. An unknown model is counted with o200k_base (`tokenizerKnown` is then false).
 *
 * @example
 * const stats = await datasetStats('train.jsonl', { model: 'gpt-4.1-2025-04-14', epochs: 'auto', prices: ws.prices });
 * console.log(stats.examples, stats.tokens.total, stats.cost.cost);
 */
export async function datasetStats(file: string, options: StatsOptions): Promise<DatasetStats> {
  const { examples } = await loadChatFile(file);
  const facts = findModel(options.model);
  const encoding = facts?.encoding ?? 'o200k_base';
  const tokens = examples.map((ex) => countChatTokens(ex.messages, encoding));
  const total = tokens.reduce((a, b) => a + b, 0);
  const distinct = new Set(examples.map(exampleKey)).size;
  return {
    file,
    examples: examples.length,
    distinctExamples: distinct,
    duplicates: examples.length - distinct,
    messages: examples.reduce((n, ex) => n + ex.messages.length, 0),
    distinctPrompts: new Set(examples.map(firstUserContent)).size,
    distinctAnswers: new Set(examples.map(lastAnswer)).size,
    encoding,
    tokenizerKnown: facts !== undefined,
    tokens: {
      min: tokens.length ? tokens.reduce((a, b) => Math.min(a, b)) : 0,
      mean: tokens.length ? total / tokens.length : 0,
      max: tokens.length ? tokens.reduce((a, b) => Math.max(a, b)) : 0,
      total,
    },
    cost: estimateTrainingCost(tokens, baseModelId(options.model), options.epochs, options.prices),
  };
}
