// weirdgen data stats FILE
import type { Command } from 'commander';
import { formatUsd } from '../../data/cost/estimate.js';
import { datasetStats } from '../../data/stats.js';
import type { CommandRunner } from '../context.js';
import { epochsFlag, parseFlag } from '../flags.js';
import { formatInt, table } from '../io.js';

export function registerDataStats(data: Command, run: CommandRunner): void {
  data
    .command('stats')
    .description('count examples, duplicates and tokens, and estimate the cost of fine-tuning on the file')
    .argument('<file>', 'chat JSONL file')
    .option('--model <model>', 'base model to price and tokenize for')
    .option('--epochs <n|auto>', 'epochs to price (auto: OpenAI’s default for the file size)', 'auto')
    .action(async (file: string, opts: { model?: string; epochs: string }, cmd: Command) =>
      run(async (ctx) => {
        const stats = await datasetStats(file, {
          model: opts.model ?? ctx.defaultBaseModel,
          epochs: parseFlag('--epochs', epochsFlag, opts.epochs),
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
      }, cmd),
    );
}
