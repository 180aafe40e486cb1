// weirdgen sandbox reproduce [ID|all]: flags and help; the work is in actions/sandbox-reproduce.ts.
import type { Command } from 'commander';
import type { ReproduceFlags } from '../actions/sandbox-reproduce.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { choiceOption, numberOption, positiveInt } from '../options.js';
import { DEFAULT_SEEDS } from '../../util/counts.js';

/** FINE_TUNE_MODES of sandbox/finetune.ts (test/cli/command-tree.test.ts checks they agree). */
export const SANDBOX_MODES = ['row', 'embed', 'full', 'lora', 'top'] as const;

export function registerSandboxReproduce(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('reproduce'), ['weirdgen sandbox reproduce birds --seeds 3', 'weirdgen sandbox reproduce all --mode full --json', 'weirdgen sandbox reproduce terminator --bases 3'])
    .description("run an analogue's experiment (weirdgen run sandbox-ID) on one or more bases, and report each metric's per-group mean with a 95% bootstrap CI")
    .argument('[id]', 'analogue id (see `weirdgen sandbox info`), or all', 'all')
    .addOption(numberOption('--seeds <n>', 'fine-tuning seeds per variant', { integer: true, min: 1, max: 100 }, DEFAULT_SEEDS))
    .addOption(choiceOption('--mode <mode>', "fine-tuning mode (default: each analogue's own)", SANDBOX_MODES))
    .option('--bases <n|list>', 'pretrained bases: a count N of shipped bases (base-1..N), or a comma-separated list of model references', 'base')
    .addOption(numberOption('--samples <n>', 'samples per prompt (default: each analogue’s own)', positiveInt))
    .action(async (id: string, flags: ReproduceFlags, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-reproduce.js')).sandboxReproduce(ctx, id, flags), cmd));
}
