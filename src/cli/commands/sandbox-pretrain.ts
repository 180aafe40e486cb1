// weirdgen sandbox pretrain: flags and help; the work is in actions/sandbox-pretrain.ts.
import type { Command } from 'commander';
import type { PretrainFlags } from '../actions/sandbox-pretrain.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt } from '../options.js';

/** PRETRAIN_DEFAULTS of sandbox/pretrain.ts (test/cli/command-tree.test.ts checks they agree). */
export const PRETRAIN_STEPS = 2500;
export const PRETRAIN_BATCH_SIZE = 32;

export function registerSandboxPretrain(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('pretrain'), ['weirdgen sandbox pretrain --seed 4', 'weirdgen sandbox pretrain --steps 200 --out small.wgsb'])
    .description('pretrain a base model from scratch on the synthetic world')
    .addOption(numberOption('--steps <n>', 'optimisation steps', positiveInt, PRETRAIN_STEPS))
    .addOption(numberOption('--seed <n>', 'seed of the initialisation and the document stream', { integer: true, min: 0 }, 1))
    .addOption(numberOption('--world-seed <n>', 'seed of the world (default: --seed)', { integer: true, min: 0 }))
    .addOption(numberOption('--batch-size <n>', 'documents per step', positiveInt, PRETRAIN_BATCH_SIZE))
    .addOption(numberOption('--workers <n>', 'threads computing gradients (default: up to 2 cores)', { integer: true, min: 1, max: 16 }))
    .option('--out <file>', 'checkpoint to write (default: <workspace>/sandbox/models/pretrained-<seed>.wgsb, model name pretrained-<seed>)')
    .action(async (flags: PretrainFlags, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-pretrain.js')).sandboxPretrain(ctx, flags), cmd));
}
