// weirdgen sandbox info: flags and help; the work is in actions/sandbox-info.ts.
import type { Command } from 'commander';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';

export function registerSandboxInfo(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('info'), ['weirdgen sandbox info', 'weirdgen sandbox info --model base-1 --json'])
    .description('describe a sandbox model, its world, the fine-tuning modes and the analogues')
    .option('--model <ref>', 'base, base-N, a workspace model or a checkpoint file', 'base')
    .action(async (flags: { model: string }, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-info.js')).sandboxInfo(ctx, flags), cmd));
}
