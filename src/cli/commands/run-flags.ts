// The flags `run` and `experiments show` share: where and on what base a run fine-tunes, and how much.
import type { Command } from 'commander';
import { numberOption } from '../options.js';
import { MAX_SAMPLES } from '../../util/counts.js';
import { addTrainingMethodOptions } from './training-method-flags.js';

export function addRunTargetOptions(cmd: Command): Command {
  return addTrainingMethodOptions(cmd)
    .option('--endpoint <name>', 'where to fine-tune and evaluate: sandbox (the offline model organism behind the workspace’s own `weirdgen serve`) or an endpoint (openai, local, ...) (default: the --base reference’s, else defaults.endpoint)')
    .option('--base <model>', 'base model reference, e.g. openai:gpt-4.1-2025-04-14 or base-2 (a bare name is on --endpoint, else on defaults.endpoint; default: the paper’s for an endpoint, base for the sandbox)')
    .addOption(numberOption('--seeds <n>', 'fine-tuning seeds per variant (default: the paper’s)', { integer: true, min: 1, max: 100 }))
    .addOption(numberOption('--samples <n>', 'samples in the experiment’s own unit, e.g. per question per year (default: the paper’s; see experiments show)', { integer: true, min: 1, max: MAX_SAMPLES }))
    .option('--variants <ids>', 'these variants and controls, comma-separated (default: the groups the paper reports)')
    .option('--mirror <dir>', 'read official files from this local copy of the paper’s repository')
    .option('--templates <dir>', 'agentic scenarios (persona): read the agentic-misalignment framework’s files from this checkout instead of fetching its pinned files')
    .addOption(numberOption('--agentic-samples <n>', 'agentic scenarios (persona): samples per condition per model (default: the paper’s 150)', { integer: true, min: 1, max: MAX_SAMPLES }));
}
