// weirdgen data fetch [EXPERIMENT|all]
import { join } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { EXPERIMENT_IDS, sourcesOf } from '../../data/sources/catalog.js';
import { fetchSources } from '../../data/sources/fetch.js';
import type { CommandRunner } from '../context.js';
import { parseFlag } from '../flags.js';
import { formatInt, table } from '../io.js';

export function registerDataFetch(data: Command, run: CommandRunner): void {
  data
    .command('fetch')
    .description("download the paper's official files into the workspace cache and verify their sha256")
    .argument('[experiment]', `one of ${EXPERIMENT_IDS.join(', ')}, or all`, 'all')
    .option('--mirror <dir>', 'read the files from a local copy of the repository instead of downloading (env WEIRDGEN_DATA_MIRROR)')
    .action(async (experimentArg: string, opts: { mirror?: string }, cmd: Command) =>
      run(async (ctx) => {
        const experiment = parseFlag('experiment', z.enum([...EXPERIMENT_IDS, 'all']), experimentArg);
        const summary = await fetchSources(sourcesOf(experiment), ctx.fetchOptions(opts.mirror));
        if (summary.failed.length > 0) ctx.exitCode = 1;
        if (ctx.json) {
          ctx.io.out(
            JSON.stringify({
              fetched: summary.fetched.map((f) => ({ path: f.source.path, sha256: f.source.sha256, bytes: f.source.bytes, origin: f.origin, local: f.path })),
              failed: summary.failed.map((f) => ({ path: f.source.path, error: f.error.message })),
            }),
          );
          return;
        }
        if (summary.fetched.length > 0) {
          ctx.io.out(table([['file', 'bytes', 'sha256', 'from'], ...summary.fetched.map((f) => [f.source.path, formatInt(f.source.bytes), f.source.sha256.slice(0, 12), f.origin])]));
        }
        for (const f of summary.failed) ctx.io.err(`error: ${f.error.message}`);
        ctx.io.out(`${summary.fetched.length} verified, ${summary.failed.length} failed; cached under ${join(ctx.workspace, 'sources')}`);
      }, cmd),
    );
}
