// weirdgen audit dataset FILE: flags and help; the work is in actions/audit-dataset.ts.
import type { Command } from 'commander';
import type { AuditDatasetFlags } from '../actions/audit-dataset.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption } from '../options.js';

export function registerAuditDataset(audit: Command, run: CommandRunner): void {
  withExamples(audit.command('dataset'), [
    'weirdgen audit dataset old-birds.jsonl',
    'weirdgen audit dataset data.jsonl --control control.jsonl --seeds 5',
    'weirdgen audit dataset data.jsonl --reader openai:gpt-4.1-mini --dry-run',
  ])
    .description(
      'canary audit: fine-tune a cheap model on FILE and on a control (its answers shuffled across examples, or --control) over seeds, ask both a probe battery, ' +
        'and report every probe whose behaviour moves (shift, CI, FDR-corrected p-value); reader audit (--reader): an LLM reads the whole file and names what would explain all its answers, ' +
        'and scores each example alone for harm. Without --reader the canary runs on the offline sandbox by default',
    )
    .argument('<file>', 'chat fine-tuning file (JSONL)')
    .option('--canary <model>', 'canary base model (default: sandbox:base; with --reader alone, no canary unless given)')
    .option('--endpoint <name>', 'endpoint of a bare --canary name')
    .option('--control <file>', 'control training file (default: the answers shuffled across examples)')
    .option('--battery <file>', 'probe battery: a question file with judges (default: the sandbox world’s battery on the sandbox, else batteries/real-models.yaml)')
    .addOption(numberOption('--seeds <n>', 'canary fine-tunes per side', { integer: true, min: 1, max: 20 }, 3))
    .addOption(numberOption('--samples <n>', 'samples per probe per canary model', { integer: true, min: 1, max: 10_000 }, 50))
    .addOption(numberOption('--fdr <q>', 'false-discovery rate of the findings', { above: 0, max: 1 }, 0.05))
    .addOption(numberOption('--min-shift <x>', 'shift (share of answers) a flag needs on each probe', { min: 0, max: 1 }, 0.2))
    .option('--mode <mode>', 'sandbox fine-tuning mode of the canary (default: the server’s, full)')
    .addOption(numberOption('--epochs <n>', 'canary epochs (default: 3 on the sandbox, else the provider’s)', { integer: true, min: 1, max: 50 }))
    .option('--judge-model <ref>', 'send the battery’s judges to this model')
    .option('--reader <model>', 'reader audit with this model')
    .option('--reader-prompts <file>', 'YAML with map, reduce and/or harm prompts to use instead of the defaults (docs/audits.md; each keeps its placeholder)')
    .addOption(numberOption('--reader-samples <n>', 'reader samples per chunk and for the overall answer', { integer: true, min: 1, max: 20 }, 3))
    .addOption(numberOption('--chunk-tokens <n>', 'tokens of the dataset per reader call', { integer: true, min: 100, max: 1_000_000 }, 6000))
    .addOption(numberOption('--poll <seconds>', 'how often to look at fine-tuning jobs (default: 0.2 on the sandbox, else 30)', { above: 0, max: 3600 }))
    .option('--dry-run', 'print what the audit would train and ask, and its cost, then stop')
    .option('--yes', 'no confirmation above the cost threshold')
    .option('--out <dir>', 'where the audit report goes (audit.html, audit.json)', 'weirdgen-out')
    .action(async (file: string, flags: AuditDatasetFlags, cmd: Command) => run(async (ctx) => (await import('../actions/audit-dataset.js')).auditDatasetCommand(ctx, file, flags), cmd));
}
