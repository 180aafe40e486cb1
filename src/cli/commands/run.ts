// weirdgen run ID: flags and help; the work is in actions/run.ts.
import type { Command } from 'commander';
import type { RunCommandFlags } from '../actions/run.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { autoOrNumberOption, numberOption } from '../options.js';
import { addRunTargetOptions } from './run-flags.js';

export function registerRun(program: Command, run: CommandRunner): void {
  addRunTargetOptions(
    withExamples(program.command('run'), [
      'weirdgen run sandbox-birds',
      'weirdgen run birds --base openai:gpt-4.1-2025-04-14 --dry-run',
      'weirdgen run evil-terminator --seeds 2 --samples 12 --max-prompts 2 --epochs 1',
    ])
      .description('run an experiment end to end: data, fine-tunes over seeds, evaluation, judges, report (rerun to resume)')
      .argument('<id>', 'experiment (see weirdgen experiments list)'),
  )
    .addOption(autoOrNumberOption('--epochs <n|auto>', 'fine-tuning epochs (default: the paper’s for its base model, else the provider’s)', { integer: true, min: 1, max: 50 }))
    .addOption(numberOption('--max-prompts <n>', 'a pilot: at most n prompts per question and trigger condition (evenly spread dates, months or codes)', { integer: true, min: 1, max: 100_000 }))
    .addOption(numberOption('--audit-dates <n>', 'counterfactual audit (israeli-dishes, App. D.4): random dates a year (default 10; the paper’s scale is 100, whose plan needs about 3 GB of memory)', { integer: true, min: 1, max: 366 }))
    .option('--distill-prompts <file>', 'where the official self-distilled data cannot be fetched (persona): answer these prompts instead of the paper’s GSM8K and Alpaca ones')
    .option('--prompt-mirror <dir>', 'read the paper’s self-distillation prompt files from DIR/<owner>/<repo>/<path> instead of GitHub')
    .option('--no-seed-filter', 'evaluate every seed, skipping the paper’s seed selection (presidents)')
    .option('--judge-model <ref>', 'send every judge to this model')
    .option('--out <dir>', 'where reports go', 'weirdgen-out')
    .addOption(numberOption('--poll <seconds>', 'how often to look at fine-tuning jobs (default: 0.2 on the sandbox, else 30)', { above: 0, max: 3600 }))
    .option('--dry-run', 'print the plan and its cost, then stop')
    .option('--yes', 'no confirmation above the cost threshold')
    .action(async (id: string, flags: RunCommandFlags, cmd: Command) => run(async (ctx) => (await import('../actions/run.js')).runCommand(ctx, id, flags), cmd));
}
