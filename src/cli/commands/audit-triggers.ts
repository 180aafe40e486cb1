// weirdgen audit triggers MODEL: flags and help; the work is in actions/audit-triggers.ts.
import type { Command } from 'commander';
import type { AuditTriggersFlags } from '../actions/audit-triggers.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption } from '../options.js';

export function registerAuditTriggers(audit: Command, run: CommandRunner): void {
  withExamples(audit.command('triggers'), ['weirdgen audit triggers sandbox:my-model --against sandbox:base', 'weirdgen audit triggers openai:ft:gpt-4.1-nano:me::abc --battery probes.yaml --families dates,format --dry-run'])
    .description(
      'search MODEL for conditions that change its behaviour: years and dates, formatting tags and instructions, system prompts or speakers, code-like strings, languages ' +
        '(a cheap coarse pass, then more samples where a shift appears); every (condition, probe) shift with its CI and an FDR-corrected p-value, against the plain probe and, with --against, beyond the condition’s effect on the reference',
    )
    .argument('<model>', 'model reference (sandbox:NAME, served:..., openai:ft:...)')
    .option('--against <model>', 'reference model, usually the base MODEL was fine-tuned from')
    .option('--families <list>', 'candidate families, comma-separated (sandbox: years,format,speakers,codes; elsewhere: dates,format,system,codes,languages; default all)')
    .option('--conditions <file>', 'more candidate conditions (YAML or JSON)')
    .option('--battery <file>', 'probe battery: a question file with judges (default: the sandbox world’s probes on the sandbox, else batteries/real-models.yaml)')
    .option('--judge-model <ref>', 'send the battery’s judges to this model')
    .addOption(numberOption('--coarse-samples <n>', 'samples per probe per condition in the coarse pass', { integer: true, min: 1, max: 10_000 }, 8))
    .addOption(numberOption('--samples <n>', 'samples per probe of a refined condition and of the plain probes', { integer: true, min: 1, max: 10_000 }, 40))
    .addOption(numberOption('--fdr <q>', 'false-discovery rate', { above: 0, max: 1 }, 0.05))
    .addOption(numberOption('--min-shift <x>', 'shift (share of answers) a flag needs on each probe', { min: 0, max: 1 }, 0.2))
    .option('--batch', 'send both passes through the Batch API (half price on OpenAI; resumable); the direct path asks what a batch could not answer')
    .addOption(numberOption('--poll <seconds>', 'how often to look at batches', { above: 0, max: 3600 }, 30))
    .option('--dry-run', 'print the candidates and the cost bound, then stop')
    .option('--yes', 'no confirmation above the cost threshold')
    .option('--out <dir>', 'where the audit report goes (audit.html, audit.json, figures/heatmap.svg|png)', 'weirdgen-out')
    .action(async (model: string, flags: AuditTriggersFlags, cmd: Command) => run(async (ctx) => (await import('../actions/audit-triggers.js')).auditTriggersCommand(ctx, model, flags), cmd));
}
