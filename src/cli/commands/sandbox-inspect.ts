// weirdgen sandbox inspect <analogue>: flags and help; the work is in actions/sandbox-inspect.ts.
import type { Command } from 'commander';
import type { InspectFlags } from '../actions/sandbox-inspect.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { choiceOption, numberOption, positiveInt } from '../options.js';
import { SANDBOX_MODES } from './sandbox-reproduce.js';

/** INSPECTABLE of sandbox/inspect/ (short ids). */
export const INSPECT_ANALOGUES = ['terminator', 'persona', 'birds', 'cities'] as const;

export function registerSandboxInspect(sandbox: Command, run: CommandRunner): void {
  withExamples(sandbox.command('inspect'), ['weirdgen sandbox inspect terminator --seeds 3 --out mechanism-terminator', 'weirdgen sandbox inspect persona --layer 1 --ablation mean', 'weirdgen sandbox inspect terminator --json'])
    .description("the paper's section-6 analysis on an analogue: every layer's residual stream under trigger vs control, the difference of means and a small SAE's features, their projection per year or condition, and sampling with them projected out (effect, controls, random directions, 95% CIs)")
    .argument('<analogue>', `analogue to inspect: ${INSPECT_ANALOGUES.join(', ')}`)
    .option('--variant <id>', "the variant to fine-tune (default: the analogue's main one)")
    .addOption(choiceOption('--mode <mode>', "fine-tuning mode (default: the analogue's own)", SANDBOX_MODES))
    .option('--base <model>', 'the base to fine-tune: base, base-N, a workspace model or a checkpoint', 'base')
    .addOption(numberOption('--seeds <n>', 'fine-tuning seeds of the variant', { integer: true, min: 1, max: 20 }, 3))
    .addOption(numberOption('--layer <n>', 'residual stream to ablate at: after block n-1, 1..layers (default: the one separating the conditions best)', positiveInt))
    .addOption(numberOption('--samples <n>', "samples per prompt (default: the analogue's own)", { integer: true, min: 1, max: 1000 }))
    .addOption(choiceOption('--ablation <kind>', "what the projection is set to: zero (the paper's directional ablation) or mean (its mean over the control prompts)", ['zero', 'mean'], 'zero'))
    .addOption(numberOption('--features <n>', 'SAE decoder directions ablated together (the most aligned with the difference of means)', { integer: true, min: 1, max: 64 }, 3))
    .addOption(numberOption('--random <n>', 'random directions ablated one at a time as the baseline', { integer: true, min: 0, max: 20 }, 3))
    .addOption(numberOption('--sae-steps <n>', 'SAE training steps', positiveInt, 500))
    .addOption(numberOption('--sae-documents <n>', "world documents whose activations (all positions, through the base) train the SAE", { integer: true, min: 10, max: 10000 }, 600))
    .option('--out <dir>', 'write inspect.html, inspect.json and figures/ here')
    .action(async (analogue: string, flags: InspectFlags, cmd: Command) => run(async (ctx) => (await import('../actions/sandbox-inspect.js')).sandboxInspect(ctx, analogue, flags), cmd));
}
