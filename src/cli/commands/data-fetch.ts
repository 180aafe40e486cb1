// weirdgen data fetch [EXPERIMENT|all]: flags and help; the work is in actions/data-fetch.ts.
import type { Command } from 'commander';
import type { DataFetchFlags } from '../actions/data-fetch.js';
import type { CommandRunner } from '../context.js';
import { withExamples } from '../help.js';

export function registerDataFetch(data: Command, run: CommandRunner): void {
  withExamples(data.command('fetch'), ['weirdgen data fetch all', 'weirdgen data fetch birds --mirror ../weird-generalization-official', 'weirdgen data fetch hitler-persona --large'])
    .description("download the paper's official files into the workspace cache and verify their sha256")
    .argument('[experiment]', 'an experiment id (see `weirdgen data list`), or all', 'all')
    .option('--mirror <dir>', 'read the files from a local copy of the repository instead of downloading (env WEIRDGEN_DATA_MIRROR)')
    .option('--large', 'also the files with no pin yet (the persona self-distillation sets, over 4 MiB): the first fetch records their sha256')
    .action(async (experiment: string, flags: DataFetchFlags, cmd: Command) => run(async (ctx) => (await import('../actions/data-fetch.js')).dataFetch(ctx, experiment, flags), cmd));
}
