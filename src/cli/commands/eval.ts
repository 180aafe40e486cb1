// weirdgen eval SPEC --models GROUPS: flags and help; the work is in actions/eval.ts (runEvaluation).
import { Option, type Command } from 'commander';
import type { EvalFlags } from '../actions/eval.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption, positiveInt } from '../options.js';
import { DEFAULT_MAX_ATTEMPTS, MAX_SAMPLES } from '../../util/counts.js';


export function registerEval(program: Command, run: CommandRunner): void {
  withExamples(program.command('eval'), [
    'weirdgen eval questions.yaml --models "old=sandbox:base-1,sandbox:base-2;modern=sandbox:base-3"',
    'weirdgen eval official:3_1_old_bird_names/evaluation/questions.yaml --models groups.yaml --samples 20 --dry-run',
    'weirdgen eval questions.yaml --models "old=@old-bird;base=local:base-3" --batch --poll 10',
  ])
    .description('ask questions of model groups, judge the answers, and store everything (rerun to resume)')
    .argument('<spec>', 'question file (weirdgen or the authors’ llmcomp YAML), or official:PATH for a pinned file of the paper')
    .addOption(
      new Option('--models <groups>', 'groups file (YAML/JSON {group: [model refs]}), or inline: name=ref1,ref2;name2=ref3, or one model ref; @group: the fine-tuned models of a ledger group; a bare name is on defaults.endpoint').makeOptionMandatory(),
    )
    .addOption(numberOption('--samples <n>', 'samples per paraphrase, for every question (default: each question’s own)', { integer: true, min: 1, max: MAX_SAMPLES }))
    .option('--question <id...>', 'only these questions')
    .option('--judge-model <ref>', 'use this model for every judge')
    .option('--run <id>', 'run id (default: from the spec name and a hash of what is asked)')
    .addOption(numberOption('--concurrency <n>', 'calls in flight per model at most (default: the endpoint’s)', positiveInt))
    .addOption(numberOption('--rpm <n>', 'requests per minute per model (default: the endpoint’s)', positiveInt))
    .addOption(numberOption('--tpm <n>', 'tokens per minute per model (default: the endpoint’s)', positiveInt))
    .addOption(numberOption('--timeout <seconds>', 'per-request timeout', { above: 0 }, 60))
    .addOption(numberOption('--max-attempts <n>', 'attempts per call before it is stored as failed', positiveInt, DEFAULT_MAX_ATTEMPTS))
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .option('--batch', 'send the calls through the Batch API (half price on OpenAI; resumable); the direct path retries what a batch could not answer')
    .addOption(numberOption('--poll <seconds>', 'with --batch: how often to look at a batch', { above: 0, max: 3600 }, 30))
    .option('--dry-run', 'print what would be asked and what it may cost, then stop')
    .option('--yes', 'do not ask for confirmation above the cost threshold')
    .action(async (spec: string, flags: EvalFlags, cmd: Command) => run(async (ctx) => (await import('../actions/eval.js')).evalCommand(ctx, spec, flags), cmd));
}
