// What inference costs, from the price table: fine-tuned models pay their base's fine-tuned rates.
import { type PriceTable, baseModelId } from '../data/index.js';
import { SANDBOX_ENDPOINT, type Usage } from '../providers/index.js';

/** US dollars, or undefined when the table has no price for the model. */
export function inferenceCost(endpoint: string, model: string, usage: Usage, table: PriceTable): number | undefined {
  if (endpoint === SANDBOX_ENDPOINT) return 0;
  const prices = table.prices[baseModelId(model)];
  const fineTuned = /(^|:)ft:/.test(model);
  const input = fineTuned ? prices?.fineTunedInput : prices?.input;
  const output = fineTuned ? prices?.fineTunedOutput : prices?.output;
  if (input === undefined || output === undefined) return undefined;
  return (usage.promptTokens * input + usage.completionTokens * output) / 1e6;
}

/** A call as rows record it: where it went and the tokens it used. */
export interface PricedCall extends Usage {
  endpoint: string;
  model: string;
}

/** US dollars `call` cost at `table`'s standard rate; null when there was no call or its model has no price. */
export function callCost(call: PricedCall | null | undefined, table: PriceTable): number | null {
  return call ? (inferenceCost(call.endpoint, call.model, call, table) ?? null) : null;
}
