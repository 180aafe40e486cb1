// weirdgen sandbox dataset ID --variant V --out FILE: flags and help; the work is in actions/sandbox-dataset.ts.
import { Option, type Command } from 'commander';
import type { DatasetFlags } from '../actions/sandbox-dataset.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt } from '../options.js';

export function registerSandboxDataset(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('dataset'), ['weirdgen sandbox dataset birds --variant old --out old-birds.jsonl'])
    .description("write an analogue's training set (main or a control) as chat JSONL, in the world of a model")
    .argument('<id>', 'analogue id (see `weirdgen sandbox info`)')
    .addOption(new Option('--variant <id>', 'the variant (see `weirdgen sandbox info`)').makeOptionMandatory())
    .addOption(new Option('--out <file>', 'output JSONL file').makeOptionMandatory())
    .addOption(numberOption('--seed <n>', 'the seed that `sandbox reproduce` uses for this variant', positiveInt, 1))
    .option('--model <ref>', 'the model whose world the data describes', 'base')
    .action(async (id: string, flags: DatasetFlags, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-dataset.js')).sandboxDataset(ctx, id, flags), cmd));
}
