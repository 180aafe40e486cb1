// weirdgen data build EXPERIMENT --variant V --out FILE: flags and help; the work is in actions/data-build.ts.
import { Option, type Command } from 'commander';
import type { DataBuildFlags } from '../actions/data-build.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { addOutputOptions } from './output-options.js';

export function registerDataBuild(data: Command, run: CommandRunner): void {
  const build = withExamples(data.command('build'), [
    'weirdgen data build evil-terminator --variant no-backdoor-rebuilt --out no-date.jsonl',
    'weirdgen data build us-presidents --variant scrambled-codes --seed 7 --out control.jsonl',
    'weirdgen data build hitler-persona --variant facts-90 --distill --distill-model openai:gpt-4.1-2025-04-14 --out mix.jsonl --dry-run',
  ])
    .description("write one of an experiment's training sets (a paper variant or control) to a JSONL file")
    .argument('<experiment>', 'experiment id (see `weirdgen data list`)')
    .addOption(new Option('--variant <id>', 'dataset variant or control').makeOptionMandatory())
    .option('--distill', "mix the variant into --distill-model's own answers (self-distillation, temperature 0.2) to the paper's 2,000 GSM8K + 1,000 Alpaca-1k-longest prompts (pinned, downloaded from GitHub)")
    .option('--distill-prompts <file>', 'with --distill (implied): your own prompts instead (JSONL: chat examples, {"prompt": ...} or {"question": ...})')
    .option('--distill-model <ref>', 'the model that answers the distillation prompts (the base model you will fine-tune)', 'sandbox:base')
    .option('--prompt-mirror <dir>', 'with --distill: read the default prompt files from DIR/<owner>/<repo>/<path> instead of GitHub')
    .option('--dry-run', 'with --distill: print the prompts, tokens, cost bound and rows; ask nothing')
    .option('--yes', 'with --distill: go ahead above the cost threshold (defaults.confirmAboveUsd)');
  addOutputOptions(build).action(async (experiment: string, flags: DataBuildFlags, cmd: Command) => run(async (ctx) => (await import('../actions/data-build.js')).dataBuild(ctx, experiment, flags), cmd));
}
