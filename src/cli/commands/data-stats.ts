// weirdgen data stats FILE: flags and help; the work is in actions/data-stats.ts.
import type { Command } from 'commander';
import type { DataStatsFlags } from '../actions/data-stats.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { autoOrNumberOption } from '../options.js';

export function registerDataStats(data: Command, run: CommandRunner): void {
  withExamples(data.command('stats'), ['weirdgen data stats my-train.jsonl', 'weirdgen data stats my-train.jsonl --model gpt-4.1-2025-04-14 --epochs 3'])
    .description('count examples, duplicates and tokens, and estimate the cost of fine-tuning on the file')
    .argument('<file>', 'chat JSONL file')
    .option('--model <model>', 'base model to price and tokenize for (default: defaults.baseModel)')
    .addOption(autoOrNumberOption('--epochs <n|auto>', 'epochs to price (auto: OpenAI’s default for the file size)', { integer: true, min: 1, max: 50 }, 'auto'))
    .action(async (file: string, flags: DataStatsFlags, cmd: Command) => run(async (ctx) => (await import('../actions/data-stats.js')).dataStats(ctx, file, flags), cmd));
}
