// weirdgen finetune launch|status|list|events|cancel: flags and help; the work is in actions/finetune.ts.
import { Option, type Command } from 'commander';
import type { LaunchFlags, ListFlags, StatusFlags } from '../actions/finetune.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { autoOrNumberOption, choiceOption, numberOption } from '../options.js';
import { addTrainingMethodOptions } from './training-method-flags.js';

const poll = (defaultSeconds: number) => numberOption('--poll <seconds>', 'how often to look at the jobs', { above: 0, max: 3600 }, defaultSeconds);

export function registerFinetune(program: Command, run: CommandRunner): void {
  const finetune = withExamples(program.command('finetune').description('fine-tuning jobs: launch over seeds, track in the ledger, use as model groups'), ['weirdgen finetune list', 'weirdgen finetune status --watch']);
  addTrainingMethodOptions(withExamples(finetune.command('launch'), [
    'weirdgen finetune launch official:3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl --base openai:gpt-4.1-2025-04-14 --seeds 6 --group old-audubon --dry-run',
    'weirdgen finetune launch birds.jsonl --base local:base-3 --seeds 3 --group old-bird',
    'weirdgen finetune launch official:3_1_old_bird_names/datasets/ft_old_audubon_birds.jsonl --base open:deepseek-ai/DeepSeek-V3.1 --method lora --lora-rank 4 --learning-rate 5e-5 --epochs 1 --batch-size 1 --seeds 4',
  ]))
    .description('validate, price and launch one job per seed (idempotent: a rerun reuses or recovers its jobs), then wait for them')
    .argument('<file>', 'training file (chat JSONL), or official:PATH for a pinned file of the paper')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .addOption(new Option('--base <model>', 'base model: openai:gpt-4.1-2025-04-14, local:base-3, ... (a bare name is on --endpoint, else on defaults.endpoint)').makeOptionMandatory())
    .option('--endpoint <name>', 'the endpoint to fine-tune on (default: the base reference’s)')
    .addOption(autoOrNumberOption('--epochs <n|auto>', 'epochs (default: the paper’s setting for an official file, else auto)', { integer: true, min: 1, max: 50 }))
    .addOption(autoOrNumberOption('--batch-size <n|auto>', 'examples per step (default: as --epochs)', { integer: true, min: 1, max: 256 }))
    .addOption(autoOrNumberOption('--lr-mult <x|auto>', 'learning rate multiplier (default: as --epochs)', { above: 0, max: 100 }))
    .addOption(numberOption('--seed <n>', 'seed of the first job; the others follow', { integer: true, min: 0, max: 2 ** 31 - 1024 }, 0))
    .addOption(numberOption('--seeds <k>', 'jobs (seeds) to launch: they form one model group', { integer: true, min: 1, max: 100 }, 1))
    .option('--suffix <text>', 'model-name suffix stem (each job adds -s<index>)')
    .option('--group <name>', 'model group name (default: --variant, else the file name)')
    .option('--experiment <id>', 'the experiment the jobs belong to (recorded in the ledger)')
    .option('--variant <id>', 'the dataset variant trained (recorded in the ledger)')
    .option('--dry-run', 'validate and price only')
    .option('--yes', 'no confirmation above the cost threshold')
    .option('--retry-failed', 'launch a new attempt for jobs that failed or were cancelled (otherwise they are reported as they are)')
    .option('--no-validate', 'upload even if weirdgen’s OpenAI rules find errors (a provider’s own rules may differ)')
    .option('--no-wait', 'return once the jobs exist')
    .addOption(poll(10))
    .action(async (file: string, flags: LaunchFlags, cmd: Command) => run(async (ctx) => (await import('../actions/finetune.js')).finetuneLaunch(ctx, file, flags), cmd));
  withExamples(finetune.command('status'), ['weirdgen finetune status', 'weirdgen finetune status --watch --poll 30'])
    .description('poll the provider for every unfinished job in the ledger and show all jobs')
    .option('--watch', 'keep polling until every job has finished')
    .addOption(poll(10))
    .action(async (flags: StatusFlags, cmd: Command) => run(async (ctx) => (await import('../actions/finetune.js')).finetuneStatus(ctx, flags), cmd));
  withExamples(finetune.command('list'), ['weirdgen finetune list', 'weirdgen finetune list --base openai:gpt-4.1-2025-04-14 --json'])
    .description('the model groups: succeeded jobs per group, with their models')
    .option('--experiment <id>', 'only jobs of this experiment')
    .option('--variant <id>', 'only jobs of this dataset variant')
    .option('--base <model>', 'only jobs on this base model (with an endpoint, only that endpoint’s)')
    .action(async (flags: ListFlags, cmd: Command) => run(async (ctx) => (await import('../actions/finetune.js')).finetuneList(ctx, flags), cmd));
  withExamples(finetune.command('events'), ['weirdgen finetune events ftjob-abc123'])
    .description('the events and checkpoints of a job (refreshed from the provider)')
    .argument('<job>', 'job id or a unique prefix')
    .action(async (id: string, _flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/finetune.js')).finetuneEvents(ctx, id), cmd));
  withExamples(finetune.command('cancel'), ['weirdgen finetune cancel ftjob-abc123'])
    .description('cancel a job on its provider and record it')
    .argument('<job>', 'job id or a unique prefix')
    .action(async (id: string, _flags: unknown, cmd: Command) => run(async (ctx) => (await import('../actions/finetune.js')).finetuneCancel(ctx, id), cmd));
}
