// Training-cost estimates: billed tokens x epochs x price, with OpenAI's rule for `auto` epochs.
import { baseModelId, findModel } from '../models.js';
import type { PriceTable } from './prices.js';

export type EpochsSetting = number | 'auto';

/**
 * OpenAI's default number of epochs for `auto` (OpenAI cookbook, chat fine-tuning data prep):
 * 3, raised so that small files see at least 100 examples, lowered so that large ones see at
 * most 25,000, and kept within 1..25.
 */
export function defaultEpochs(examples: number): number {
  const target = 3;
  if (examples <= 0) return target;
  if (examples * target < 100) return Math.min(25, Math.floor(100 / examples));
  if (examples * target > 25_000) return Math.max(1, Math.floor(25_000 / examples));
  return target;
}

/** A training-cost estimate in USD; `cost` is absent when the price table has no price for the model. */
export interface TrainingCostEstimate {
  model: string;
  examples: number;
  epochs: number;
  epochsFrom: 'given' | 'auto';
  /** Tokens billed for one pass over the file, each example capped at the model's training context. */
  tokensPerEpoch: number;
  billedTokens: number;
  /** USD per million trained tokens; undefined when no price is known for the model. */
  pricePerMillion?: number;
  /** USD; undefined when no price is known. */
  cost?: number;
  priceSource: string;
}

/** Estimates the cost of fine-tuning `model` on examples of these token counts: each capped at the model's limit, times the epochs (`auto`: OpenAI's default for the file's size). */
export function estimateTrainingCost(
  tokensPerExample: readonly number[],
  model: string,
  epochs: EpochsSetting,
  table: PriceTable,
): TrainingCostEstimate {
  const id = baseModelId(model);
  const cap = findModel(id)?.maxTokensPerExample ?? Number.POSITIVE_INFINITY;
  const tokensPerEpoch = tokensPerExample.reduce((sum, t) => sum + Math.min(t, cap), 0);
  const resolvedEpochs = epochs === 'auto' ? defaultEpochs(tokensPerExample.length) : epochs;
  const billedTokens = tokensPerEpoch * resolvedEpochs;
  const pricePerMillion = table.prices[id]?.training;
  return {
    model: id,
    examples: tokensPerExample.length,
    epochs: resolvedEpochs,
    epochsFrom: epochs === 'auto' ? 'auto' : 'given',
    tokensPerEpoch,
    billedTokens,
    ...(pricePerMillion !== undefined ? { pricePerMillion, cost: (billedTokens / 1e6) * pricePerMillion } : {}),
    priceSource: table.source,
  };
}

export function formatUsd(amount: number): string {
  return amount < 0.01 && amount > 0 ? `$${amount.toFixed(4)}` : `$${amount.toFixed(2)}`;
}
