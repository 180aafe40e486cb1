// weirdgen results [RUN]: flags and help; the work is in actions/results.ts.
import type { Command } from 'commander';
import type { ResultsFlags } from '../actions/results.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';

export function registerResults(program: Command, run: CommandRunner): void {
  withExamples(program.command('results'), ['weirdgen results', 'weirdgen results RUN --by-question --compare old,modern', 'weirdgen results RUN --by-paraphrase --json'])
    .description('per-group results of a run: means with seeded bootstrap 95% CIs per judge column, the denominator, and the shares of unparsed, refused and unanswered rows')
    .argument('[run]', 'run id (default: list the runs)')
    .option('--by-question', 'one line per question as well as group')
    .option('--by-paraphrase', 'one line per question and paraphrase as well as group')
    .option('--compare <a,b>', 'permutation test of two groups on every metric')
    .action(async (runId: string | undefined, flags: ResultsFlags, cmd: Command) => run(async (ctx) => (await import('../actions/results.js')).resultsCommand(ctx, runId, flags), cmd));
}
