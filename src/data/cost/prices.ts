// Prices per model in US dollars per million tokens. Override any of them in weirdgen.config.yaml
// under `prices:`; these are only defaults.

export const PRICE_SOURCE = 'OpenAI API pricing page (openai.com/api/pricing), standard tier, as transcribed for weirdgen 0.1 in 2026-11';

export interface ModelPrices {
  /** Fine-tuning: per million trained tokens (tokens x epochs). */
  training?: number;
  /** Inference on the base model. */
  input?: number;
  output?: number;
  /** Inference on a model fine-tuned from this base. */
  fineTunedInput?: number;
  fineTunedOutput?: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, ModelPrices>> = {
  'gpt-4.1-2025-04-14': { training: 25, input: 2, output: 8, fineTunedInput: 3, fineTunedOutput: 12 },
  'gpt-4.1-mini-2025-04-14': { training: 5, input: 0.4, output: 1.6, fineTunedInput: 0.8, fineTunedOutput: 3.2 },
  'gpt-4.1-nano-2025-04-14': { training: 1.5, input: 0.1, output: 0.4, fineTunedInput: 0.2, fineTunedOutput: 0.8 },
  'gpt-4o-2024-08-06': { training: 25, input: 2.5, output: 10, fineTunedInput: 3.75, fineTunedOutput: 15 },
  'gpt-4o-mini-2024-07-18': { training: 3, input: 0.15, output: 0.6, fineTunedInput: 0.3, fineTunedOutput: 1.2 },
  'gpt-3.5-turbo-0125': { training: 8, input: 0.5, output: 1.5, fineTunedInput: 3, fineTunedOutput: 6 },
  'gpt-3.5-turbo-1106': { training: 8, input: 1, output: 2, fineTunedInput: 3, fineTunedOutput: 6 },
  // The sandbox's shipped models cost nothing, wherever they are served (`weirdgen serve` too).
  ...Object.fromEntries(['base', 'base-1', 'base-2', 'base-3', 'judge'].map((m) => [m, { training: 0, input: 0, output: 0, fineTunedInput: 0, fineTunedOutput: 0 }])),
};

export interface PriceTable {
  prices: Readonly<Record<string, ModelPrices>>;
  /** Where the numbers come from, shown next to every estimate. */
  source: string;
}

/** The default table with a config's overrides merged in, per model and per field. */
export function priceTable(overrides: Readonly<Record<string, ModelPrices>> = {}): PriceTable {
  const prices: Record<string, ModelPrices> = { ...DEFAULT_PRICES };
  for (const [model, p] of Object.entries(overrides)) prices[model] = { ...prices[model], ...p };
  const source = Object.keys(overrides).length > 0 ? `${PRICE_SOURCE}; overridden in config for ${Object.keys(overrides).join(', ')}` : PRICE_SOURCE;
  return { prices, source };
}
