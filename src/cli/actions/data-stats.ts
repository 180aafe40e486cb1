// weirdgen data stats FILE: examples, duplicates, tokens and the training cost.
import { datasetStats, formatUsd } from '../../data/index.js';
import type { Context } from '../context.js';
import { formatInt, table } from '../io.js';

export interface DataStatsFlags {
  model?: string;
  epochs: number | 'auto';
}

export async function dataStats(ctx: Context, file: string, opts: DataStatsFlags): Promise<void> {
  const stats = await datasetStats(file, {
    model: opts.model ?? ctx.defaultBaseModel,
    epochs: opts.epochs,
    prices: ctx.prices,
  });
  if (ctx.json) {
    ctx.io.out(JSON.stringify(stats));
    return;
  }
  const { tokens, cost } = stats;
  const price =
    cost.cost !== undefined && cost.pricePerMillion !== undefined
      ? `${formatUsd(cost.cost)} (${formatInt(cost.billedTokens)} billed tokens x ${formatUsd(cost.pricePerMillion)} per 1M)`
      : `unknown: no training price for ${cost.model}; set prices.${cost.model}.training in weirdgen.config.yaml`;
  ctx.io.out(
    table([
      ['file', stats.file],
      ['examples', `${formatInt(stats.examples)} (${formatInt(stats.distinctExamples)} distinct, ${formatInt(stats.duplicates)} duplicates)`],
      ['messages', formatInt(stats.messages)],
      ['distinct prompts', formatInt(stats.distinctPrompts)],
      ['distinct answers', formatInt(stats.distinctAnswers)],
      ['tokens per example', `min ${tokens.min}, mean ${tokens.mean.toFixed(1)}, max ${tokens.max} (${stats.encoding}${stats.tokenizerKnown ? '' : ', approximate: unknown model'}, with chat overhead)`],
      ['tokens', formatInt(tokens.total)],
      ['epochs', `${cost.epochs} (${cost.epochsFrom === 'auto' ? "OpenAI's default for this size" : 'given'})`],
      [`training cost (${cost.model})`, price],
      ['price source', cost.priceSource],
    ]),
  );
}
