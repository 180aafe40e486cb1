// weirdgen report RUN: flags and help; the work is in actions/report.ts.
import type { Command } from 'commander';
import type { ReportFlags } from '../actions/report.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';

export function registerReport(program: Command, run: CommandRunner): void {
  withExamples(program.command('report'), ['weirdgen report RUN', 'weirdgen report RUN --out reports'])
    .description('write the report of a stored run (an eval run or an experiment run): report.html opening with the result, figures, results.csv and results.jsonl')
    .argument('<run>', 'run id (see weirdgen results)')
    .option('--out <dir>', 'where reports go (the report is written to DIR/RUN/)', 'weirdgen-out')
    .action(async (runId: string, flags: ReportFlags, cmd: Command) => run(async (ctx) => (await import('../actions/report.js')).reportCommand(ctx, runId, flags), cmd));
}
