// weirdgen experiments list | fidelity | show ID: flags and help; the work is in actions/experiments.ts.
import type { Command } from 'commander';
import type { RunFlags } from '../run-options.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { addRunTargetOptions } from './run-flags.js';

export function registerExperiments(program: Command, run: CommandRunner): void {
  const experiments = withExamples(program.command('experiments').description('the experiments `weirdgen run` runs: the paper’s six and their sandbox analogues'), ['weirdgen experiments', 'weirdgen experiments show birds --endpoint openai']);
  withExamples(experiments.command('list', { isDefault: true }), ['weirdgen experiments list', 'weirdgen --json experiments list'])
    .description('every experiment, with its variants')
    .action(async (_flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/experiments.js')).experimentsList(ctx), cmd));
  withExamples(experiments.command('fidelity'), ['weirdgen experiments fidelity > fidelity.md'])
    .description('every paper experiment next to the paper and the authors’ files, as markdown (docs/fidelity.md is this output)')
    .action(async (_flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/experiments.js')).experimentsFidelity(ctx), cmd));
  addRunTargetOptions(
    withExamples(experiments.command('show'), ['weirdgen experiments show sandbox-birds', 'weirdgen experiments show birds --base openai:gpt-4.1-2025-04-14 --seeds 3'])
      .description('datasets and controls, the paper’s settings per base model, samples (and the authors’ files’ values where they differ), metrics, and the plan and cost of a full run')
      .argument('<id>', 'experiment id (see weirdgen experiments list)'),
  ).action(async (id: string, flags: RunFlags, cmd: Command) => run(async (ctx) => (await import('../actions/experiments.js')).experimentsShow(ctx, id, flags), cmd));
}
