// weirdgen view: flags and help; the work is in actions/view.ts.
import type { Command } from 'commander';
import type { ViewFlags } from '../actions/view.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';
import { numberOption } from '../options.js';

export function registerView(program: Command, run: CommandRunner): void {
  withExamples(program.command('view'), ['weirdgen view', 'weirdgen view RUN --port 0', 'WEIRDGEN_VIEW_KEY=secret weirdgen view --host 0.0.0.0 --key-env WEIRDGEN_VIEW_KEY'])
    .description(
      "browse the workspace's runs in a local web page: runs, a run's summary and interactive figures, samples (filters, full-text search, paging), " +
        'trigger pairs, comparisons of two runs or groups, and export of the filtered samples; stops on Ctrl-C',
    )
    .argument('[runs...]', 'runs to open first (the printed URL opens the first)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .addOption(numberOption('--port <n>', 'port (0: any free port)', { integer: true, min: 0, max: 65535 }, 8788))
    .option('--key-env <var>', 'require the bearer key held by this environment variable (default: WEIRDGEN_VIEW_KEY if set; otherwise no check)')
    .action(async (runs: string[], flags: ViewFlags, cmd: Command) => run(async (ctx) => (await import('../actions/view.js')).viewCommand(ctx, runs, flags), cmd));
}
