// weirdgen sandbox chat: flags and help; the work is in actions/sandbox-chat.ts.
import type { Command } from 'commander';
import type { ChatFlags } from '../actions/sandbox-chat.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt, seedOption } from '../options.js';

export function registerSandboxChat(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('chat'), ['weirdgen sandbox chat', 'echo "bird" | weirdgen sandbox chat --model base-2 --temperature 0'])
    .description('chat with a sandbox model (one user message per line; /reset clears the history, /quit ends)')
    .option('--model <ref>', 'base, base-N, a workspace model or a checkpoint file', 'base')
    .addOption(numberOption('--temperature <t>', 'sampling temperature (0: most likely token)', { min: 0, max: 5 }, 1))
    .addOption(numberOption('--max-tokens <n>', 'longest answer', positiveInt, 8))
    .addOption(seedOption('--seed <seed>', 'seed of the sampling', 0))
    .action(async (flags: ChatFlags, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-chat.js')).sandboxChat(ctx, flags), cmd));
}
