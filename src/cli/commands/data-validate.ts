// weirdgen data validate FILE...: flags and help; the work is in actions/data-validate.ts.
import type { Command } from 'commander';
import type { DataValidateFlags } from '../actions/data-validate.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt } from '../options.js';

export function registerDataValidate(data: Command, run: CommandRunner): void {
  withExamples(data.command('validate'), ['weirdgen data validate my-train.jsonl', 'weirdgen data validate a.jsonl b.jsonl --model gpt-4o-mini-2024-07-18 --json'])
    .description("check chat fine-tuning files against OpenAI's rules; exits 1 if any file has an error")
    .argument('<files...>', 'JSONL files')
    .option('--model <model>', 'base model whose tokenizer and per-example token limit apply (default: defaults.baseModel)')
    .addOption(numberOption('--min-examples <n>', 'fewest examples a file may have', positiveInt, 10))
    .addOption(numberOption('--long-tokens <n>', 'warn about examples longer than this many tokens', positiveInt, 8192))
    .action(async (files: string[], flags: DataValidateFlags, cmd: Command) => run(async (ctx) => (await import('../actions/data-validate.js')).dataValidate(ctx, files, flags), cmd));
}
