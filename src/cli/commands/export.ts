// weirdgen export RUN: flags and help; the work is in actions/export.ts.
import type { Command } from 'commander';
import type { ExportFlags } from '../actions/export.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { choiceOption } from '../options.js';

export function registerExport(program: Command, run: CommandRunner): void {
  withExamples(program.command('export'), ['weirdgen export RUN --format csv --out rows.csv', 'weirdgen export RUN --format jsonl | head'])
    .description('write the tidy rows of a run: one row per sample, one column per judge')
    .argument('<run>', 'run id')
    .addOption(choiceOption('--format <format>', 'file format', ['csv', 'jsonl'], 'csv'))
    .option('--out <file>', 'write here instead of stdout')
    .action(async (runId: string, flags: ExportFlags, cmd: Command) => run(async (ctx) => (await import('../actions/export.js')).exportCommand(ctx, runId, flags), cmd));
}
